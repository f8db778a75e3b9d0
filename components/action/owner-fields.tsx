'use client';

import { useEffect } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '@/components/form/field';
import { fieldId } from '@/components/form/use-action-form';

export type AgencyChoice = { id: string; name: string; users: { id: string; name: string }[] };

type Register = (name: 'ownerAgencyId' | 'leadOfficerId') => UseFormRegisterReturn<string>;

/** An action's owner agency and, from that agency's people, its lead officer. */
export function OwnerFields({
  register,
  errorFor,
  agencies,
  ownerAgencyId,
  idFor = fieldId,
}: {
  register: Register;
  errorFor: (field: string) => string | undefined;
  agencies: AgencyChoice[];
  ownerAgencyId: unknown;
  idFor?: (field: string) => string;
}) {
  const officers = agencies.find((agency) => agency.id === ownerAgencyId)?.users ?? [];
  return (
    <>
      <Field id={idFor('ownerAgencyId')} label="Owner agency" error={errorFor('ownerAgencyId')}>
        <select className="select" {...register('ownerAgencyId')}>
          <option value="">Choose the owner agency</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
      </Field>
      <Field
        id={idFor('leadOfficerId')}
        label="Lead officer (optional)"
        hint={ownerAgencyId ? 'Someone who works for the owner agency' : 'Choose the owner agency first'}
        error={errorFor('leadOfficerId')}
      >
        <select className="select" {...register('leadOfficerId')}>
          <option value="">No lead officer yet</option>
          {officers.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}

/** When the owner agency changes, a lead officer from the old agency no longer fits. */
export function useClearLeadOfficerOutsideAgency(agencies: AgencyChoice[], agencyId: unknown, leadOfficerId: unknown, clear: () => void) {
  useEffect(() => {
    if (!leadOfficerId) return;
    const agency = agencies.find((a) => a.id === agencyId);
    if (!agency?.users.some((user) => user.id === leadOfficerId)) clear();
    // Only a change of agency should clear the choice, not a new choice of lead officer.
  }, [agencyId]);
}
