import type { Role } from './roles';

/** An account as everyone but the password store sees it. */
export interface User {
  id: string;
  email: string;
  displayName: string | null;
  role: Role;
  organizationId: string | null;
  jurisdiction: string | null;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}
