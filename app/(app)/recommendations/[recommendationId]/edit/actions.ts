'use server';

import { archiveRecommendation } from '@/lib/recommendations/archive-recommendation';
import { updateRecommendationSchema } from '@/lib/recommendations/recommendation.schema';
import { updateRecommendation } from '@/lib/recommendations/update-recommendation';
import { archiveSchema } from '@/lib/reviews/review.schema';
import { serverAction } from '@/lib/server-action';

export const updateRecommendationAction = serverAction(updateRecommendationSchema, updateRecommendation);
export const archiveRecommendationAction = serverAction(archiveSchema, archiveRecommendation);
