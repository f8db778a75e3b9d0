import { z } from 'zod';
import { idField } from '@/lib/reviews/review.schema';

/** An admin's "Try again" on a failed email. */
export const retryEmailSchema = z.object({ emailId: idField });
