'use client';

import type { UseFormRegisterReturn } from 'react-hook-form';
import { Field } from '@/components/form/field';
import { Role } from '@/lib/generated/prisma/enums';
import { ROLE_LABELS } from '@/lib/labels';

/** What each role may do, in PRODUCT.md's words. */
export const ROLE_HINTS: Record<Role, string> = {
  ADMIN: 'Partnership business manager: everything, plus users and agencies.',
  REVIEWER: 'Board member, independent chair, quality-assurance lead: reviews, findings, recommendations, evidence assessment, reports.',
  OWNER: "An agency's lead officer: updates recommendations their agency owns, submits evidence, comments.",
  VIEWER: 'Elected member, inspector, auditor: reads everything and downloads reports.',
};

export type AgencyChoice = { id: string; name: string };

type Name = 'name' | 'role' | 'agencyId';

/** The fields a user form shows for creating and editing alike: role-based name, role and agency. */
export function UserFields({
  register,
  errorFor,
  idFor,
  agencies,
  roleLocked,
}: {
  register: (name: Name) => UseFormRegisterReturn<string>;
  errorFor: (field: string) => string | undefined;
  /** The element id of a field (scoped, when the page has several forms). */
  idFor: (field: string) => string;
  agencies: AgencyChoice[];
  /** Shown instead of the choices when the role cannot be changed here (your own account). */
  roleLocked?: string;
}) {
  const roleError = errorFor('role');
  const roleId = idFor('role');
  return (
    <>
      <Field
        id={idFor('name')}
        label="Name"
        hint={'The role, never the person\'s own name, for example "Children\'s social care lead"'}
        error={errorFor('name')}
      >
        <input className="input" type="text" autoComplete="off" {...register('name')} />
      </Field>
      {roleLocked ? (
        <div className="form-group">
          <p className="label">Role</p>
          <input type="hidden" {...register('role')} />
          <p className="hint">{roleLocked}</p>
        </div>
      ) : (
        <div className={`form-group${roleError ? ' form-group--error' : ''}`}>
          <fieldset aria-describedby={roleError ? `${roleId}-error` : undefined}>
            <legend className="label">Role</legend>
            {roleError ? (
              <p className="error-message" id={`${roleId}-error`}>
                <span className="visually-hidden">Error:</span> {roleError}
              </p>
            ) : null}
            {Object.values(Role).map((role, index) => {
              // The first option carries the field's id, so the error summary can focus it.
              const id = index === 0 ? roleId : `${roleId}-${role.toLowerCase()}`;
              return (
                <div key={role} className="radios__item">
                  <input className="radios__input" type="radio" id={id} value={role} aria-describedby={`${id}-hint`} {...register('role')} />
                  <div>
                    <label htmlFor={id}>{ROLE_LABELS[role]}</label>
                    <p className="hint small" id={`${id}-hint`}>
                      {ROLE_HINTS[role]}
                    </p>
                  </div>
                </div>
              );
            })}
          </fieldset>
        </div>
      )}
      <Field id={idFor('agencyId')} label="Agency" error={errorFor('agencyId')}>
        <select className="select" {...register('agencyId')}>
          <option value="">Choose an agency</option>
          {agencies.map((agency) => (
            <option key={agency.id} value={agency.id}>
              {agency.name}
            </option>
          ))}
        </select>
      </Field>
    </>
  );
}
