'use client';

import { BULK_FORM_ID, BULK_ITEM_NAME } from './bulk-selection';

/** Ticks or clears every action checkbox on this page of the list. */
export function SelectAllActions() {
  return (
    <input
      type="checkbox"
      className="checkboxes__input"
      aria-label="Select every action on this page"
      onChange={(event) => {
        const checked = event.currentTarget.checked;
        for (const box of document.querySelectorAll<HTMLInputElement>(`input[form="${BULK_FORM_ID}"][name="${BULK_ITEM_NAME}"]`)) box.checked = checked;
      }}
    />
  );
}
