// Shared by the list (server) and the bulk update form (client): the
// checkboxes sit in the table and belong to the form through its id.

/** The form the list's checkboxes belong to (their `form` attribute). */
export const BULK_FORM_ID = 'bulk-update';
/** The checkboxes' name; each value is "<action id>:<version shown>". */
export const BULK_ITEM_NAME = 'selected';
