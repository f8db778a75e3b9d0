'use server';

import { createReview } from '@/lib/reviews/create-review';
import { createReviewSchema } from '@/lib/reviews/review.schema';
import { serverAction } from '@/lib/server-action';

export const createReviewAction = serverAction(createReviewSchema, createReview);
