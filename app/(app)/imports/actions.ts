'use server';

import { commitPlanImport } from '@/lib/imports/commit-import';
import { commitImportSchema, importSettingsSchema, uploadPlanFormDataSchema } from '@/lib/imports/import.schema';
import { startPlanImport } from '@/lib/imports/start-import';
import { updatePlanImport } from '@/lib/imports/update-import';
import { serverAction } from '@/lib/server-action';

export const uploadPlanAction = serverAction(uploadPlanFormDataSchema, startPlanImport);
export const saveImportSettingsAction = serverAction(importSettingsSchema, updatePlanImport);
export const commitImportAction = serverAction(commitImportSchema, commitPlanImport);
