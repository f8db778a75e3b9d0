// No zod here: the finding form (a client component) shows these suggestions,
// and must not load zod just for them.

/** Suggested themes (PRODUCT.md); the field is free text, so a review may name its own. */
export const THEME_SUGGESTIONS = ['Training', 'Social care response', 'Escalation', 'Multi-agency working', 'Criminal justice'];
