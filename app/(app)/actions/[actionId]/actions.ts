'use server';

import { overrideRag, withdrawRagOverride } from '@/lib/actions/override-rag';
import { overrideRagSchema, withdrawRagOverrideSchema } from '@/lib/actions/override-rag.schema';
import { updateProgress } from '@/lib/actions/update-progress';
import { updateProgressSchema } from '@/lib/actions/update-progress.schema';
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
export const overrideRagAction = serverAction(overrideRagSchema, overrideRag);
export const withdrawRagOverrideAction = serverAction(withdrawRagOverrideSchema, withdrawRagOverride);
