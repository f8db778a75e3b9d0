import { IMPORT_FIELDS, type ImportField } from './columns';

export const PLAN_FORMATS = ['xlsx', 'csv'] as const;
export type PlanFormat = (typeof PLAN_FORMATS)[number];

/** The columns of an exported plan and of the template: every field the importer reads, in its words, so that they import back. */
export const PLAN_COLUMNS: readonly ImportField[] = IMPORT_FIELDS;
