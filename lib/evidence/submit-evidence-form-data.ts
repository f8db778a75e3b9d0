// No zod here: the submit-evidence form (a client component) turns its values
// into FormData with this, and must not load zod just for it. The schema
// (submit-evidence.schema.ts) reads the same fields back on the server.

export const SUBMIT_EVIDENCE_FIELDS = ['actionId', 'title', 'description', 'kind', 'url', 'file'] as const;

/** The browser side: the form's values as FormData for the Server Action. */
export function submitEvidenceToFormData(values: Partial<Record<(typeof SUBMIT_EVIDENCE_FIELDS)[number], unknown>>): FormData {
  const formData = new FormData();
  for (const field of SUBMIT_EVIDENCE_FIELDS) {
    const value = values[field];
    if (value === undefined || value === null || value === '') continue;
    formData.append(field, value instanceof Blob ? value : String(value));
  }
  return formData;
}
