'use server';

import { createRecommendation } from '@/lib/recommendations/create-recommendation';
import { createRecommendationSchema } from '@/lib/recommendations/recommendation.schema';
import { serverAction } from '@/lib/server-action';

export const createRecommendationAction = serverAction(createRecommendationSchema, createRecommendation);
