'use server';

import { archiveReview } from '@/lib/reviews/archive-review';
import { archiveSchema, updateReviewSchema } from '@/lib/reviews/review.schema';
import { updateReview } from '@/lib/reviews/update-review';
import { serverAction } from '@/lib/server-action';

export const updateReviewAction = serverAction(updateReviewSchema, updateReview);
export const archiveReviewAction = serverAction(archiveSchema, archiveReview);
