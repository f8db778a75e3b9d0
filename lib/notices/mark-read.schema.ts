import { z } from 'zod';

/** Marking one's notices read takes nothing: whose they are comes from the session. */
export const markAllReadSchema = z.object({});
