'use server';

import { setSeniorLead } from '@/lib/agencies/set-senior-lead';
import { setSeniorLeadSchema } from '@/lib/agencies/senior-lead.schema';
import { serverAction } from '@/lib/server-action';

export const setSeniorLeadAction = serverAction(setSeniorLeadSchema, setSeniorLead);
