'use server';

import { decideRecommendationSchema } from '@/lib/actions/update-progress.schema';
import { addComment } from '@/lib/comments/add-comment';
import { addCommentSchema } from '@/lib/comments/comment.schema';
import { decideRecommendation } from '@/lib/recommendations/decide-recommendation';
import { serverAction } from '@/lib/server-action';

export const decideRecommendationAction = serverAction(decideRecommendationSchema, decideRecommendation);
export const addCommentAction = serverAction(addCommentSchema, addComment);
