// Each user's choice of reminder emails: the form's schema, parsed again by the Server Action.
// Whose choice it is comes from the session, never from the input.
import { z } from 'zod';
import { NoticeEmail } from '@/lib/generated/prisma/enums';

export const noticeEmailSchema = z.object({
  noticeEmail: z.enum(NoticeEmail, { error: 'Choose how you want reminder emails' }),
});

export type NoticeEmailInput = z.input<typeof noticeEmailSchema>;
