'use server';

import { updateProgress } from '@/lib/recommendations/update-progress';
import { updateProgressSchema } from '@/lib/recommendations/update-progress.schema';
import { addComment } from '@/lib/comments/add-comment';
import { addCommentSchema } from '@/lib/comments/comment.schema';
import { assessEvidence } from '@/lib/evidence/assess-evidence';
import { assessEvidenceSchema } from '@/lib/evidence/assess-evidence.schema';
import { submitEvidence } from '@/lib/evidence/submit-evidence';
import { submitEvidenceFormDataSchema } from '@/lib/evidence/submit-evidence.schema';
import { createMeasure } from '@/lib/measures/create-measure';
import { createMeasureSchema, updateMeasureValueSchema } from '@/lib/measures/measure.schema';
import { updateMeasureValue } from '@/lib/measures/update-measure-value';
import { serverAction } from '@/lib/server-action';

export const updateProgressAction = serverAction(updateProgressSchema, updateProgress);
export const submitEvidenceAction = serverAction(submitEvidenceFormDataSchema, submitEvidence);
export const assessEvidenceAction = serverAction(assessEvidenceSchema, assessEvidence);
export const createMeasureAction = serverAction(createMeasureSchema, createMeasure);
export const updateMeasureValueAction = serverAction(updateMeasureValueSchema, updateMeasureValue);
export const addCommentAction = serverAction(addCommentSchema, addComment);
