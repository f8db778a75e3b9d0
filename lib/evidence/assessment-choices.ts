// No zod here: the assess-evidence form (a client component) lists these
// choices, and must not load zod just for them.

export const ASSESSMENT_CHOICES = ['ACCEPTED', 'INSUFFICIENT'] as const;
