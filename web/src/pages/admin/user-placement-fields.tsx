/**
 * Where an account sits: its role, its organization (for the roles that act for one) and its
 * jurisdiction (for coordinators). Shared by the create and edit modals; which roles are
 * offered and whether the organization can be chosen is what the server says the manager may
 * do (the session's capabilities, from src/services/policy.ts).
 */
import { Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { type Role, roleNeedsJurisdiction, roleNeedsOrganization } from '../../../../src/model/roles';
import { ApiError } from '../../api';
import { JurisdictionCascader } from '../../components/jurisdiction-cascader';
import { OrganizationPicker } from '../../components/organization-picker';
import { useErrorText } from '../../error-text';
import { useCapabilities } from '../../session';
import type { Capabilities, User } from '../../types';

export interface PlacementValues {
  role?: Role;
  organizationId?: string | null;
  jurisdiction?: string | null;
}

type FieldPath = readonly [string];

/** The placement fields on screen for this manager and role, for showFieldError. */
export function placementFields(may: Capabilities, role: Role | undefined): FieldPath[] {
  const fields: FieldPath[] = [['role']];
  if (role && may.chooseOrganization && roleNeedsOrganization(role)) fields.push(['organizationId']);
  if (role && roleNeedsJurisdiction(role)) fields.push(['jurisdiction']);
  return fields;
}

/**
 * The organization and jurisdiction the form means for its role: an org admin's own
 * organization, the chosen one for roles that need one, otherwise none.
 */
export function placementOf(
  manager: User,
  may: Capabilities,
  values: PlacementValues & { role: Role },
): { organizationId: string | null; jurisdiction: string | null } {
  const { role } = values;
  let organizationId: string | null = null;
  if (!may.chooseOrganization) organizationId = manager.organizationId;
  else if (roleNeedsOrganization(role)) organizationId = values.organizationId ?? null;
  return { organizationId, jurisdiction: roleNeedsJurisdiction(role) ? (values.jurisdiction ?? null) : null };
}

/** A failed save in words for the field it names; "invalid input" on an agency's staff says why. */
export function useUserErrorText(): (error: unknown, role: Role | undefined) => string {
  const { t } = useTranslation();
  const { message } = useErrorText();
  return (error, role) =>
    error instanceof ApiError && error.code === 'invalid_input' && error.field === 'organizationId' && role === 'agency_staff'
      ? t('users.notGovernment')
      : message(error);
}

interface Props {
  /** Show the role but do not let it change (nobody changes their own role). */
  roleLocked?: boolean;
}

export function UserPlacementFields({ roleLocked = false }: Props) {
  const { t } = useTranslation();
  const may = useCapabilities();
  const form = Form.useFormInstance<PlacementValues>();
  const role = Form.useWatch('role', form);
  const roles = may.assignableRoles;
  // An account's current role stays visible even when this manager may not give it.
  const shown = role && !roles.includes(role) ? [role, ...roles] : roles;
  return (
    <>
      <Form.Item
        name="role"
        label={t('field.role')}
        extra={roleLocked ? t('users.ownRoleLocked') : undefined}
        rules={[{ required: true, message: t('form.required') }]}
      >
        <Select
          disabled={roleLocked}
          placeholder={t('form.choose')}
          options={shown.map((r) => ({ value: r, label: t(`role.${r}`), disabled: !roles.includes(r) }))}
        />
      </Form.Item>
      {role && may.chooseOrganization && roleNeedsOrganization(role) ? (
        <Form.Item
          name="organizationId"
          label={t('field.organizationId')}
          extra={role === 'agency_staff' ? t('users.agencyNeedsGovernment') : undefined}
          rules={[{ required: true, message: t('form.required') }]}
        >
          <OrganizationPicker kind={role === 'agency_staff' ? 'government_agency' : undefined} />
        </Form.Item>
      ) : null}
      {role && roleNeedsJurisdiction(role) ? (
        <Form.Item name="jurisdiction" label={t('field.jurisdiction')} rules={[{ required: true, message: t('form.required') }]}>
          <JurisdictionCascader />
        </Form.Item>
      ) : null}
    </>
  );
}
