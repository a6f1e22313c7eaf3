/**
 * Printers for rbac.authorization.k8s.io/v1 RoleBinding and ClusterRoleBinding.
 * Role and ClusterRole have no printer upstream and use the default table.
 * @module
 */

import type { ClusterRoleBinding, RoleBinding, Subject } from "kubernetes-types/rbac/v1.js";
import { AGE_DOC, FIELD_DOCS, NAME_DOC } from "./descriptions.js";
import { column, since } from "./format.js";
import type { Printer, TableColumnDefinition } from "./types.js";

/** Splits subjects into users, groups and `namespace/name` service accounts (other kinds are not shown). */
export function subjectsStrings(subjects: Subject[] | undefined): { users: string[]; groups: string[]; serviceAccounts: string[] } {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const s of subjects ?? []) {
    if (s.kind === "ServiceAccount") serviceAccounts.push(`${s.namespace ?? ""}/${s.name}`);
    else if (s.kind === "User") users.push(s.name);
    else if (s.kind === "Group") groups.push(s.name);
  }
  return { users, groups, serviceAccounts };
}

function bindingColumns(roleRefDoc: string, what: string): TableColumnDefinition[] {
  return [
    column("Name", "string", NAME_DOC, { format: "name" }),
    column("Role", "string", roleRefDoc),
    column("Age", "string", AGE_DOC),
    column("Users", "string", `Users in the ${what}`, { priority: 1 }),
    column("Groups", "string", `Groups in the ${what}`, { priority: 1 }),
    column("ServiceAccounts", "string", `ServiceAccounts in the ${what}`, { priority: 1 }),
  ];
}

function bindingCells(binding: Partial<RoleBinding | ClusterRoleBinding>, now: Date): unknown[] {
  const { users, groups, serviceAccounts } = subjectsStrings(binding.subjects);
  return [
    binding.metadata?.name ?? "",
    `${binding.roleRef?.kind ?? ""}/${binding.roleRef?.name ?? ""}`,
    since(binding.metadata?.creationTimestamp, now),
    users.join(", "),
    groups.join(", "),
    serviceAccounts.join(", "),
  ];
}

/** RoleBinding: NAME ROLE AGE; wide USERS GROUPS SERVICEACCOUNTS. */
export const roleBindingPrinter: Printer = {
  columns: bindingColumns(FIELD_DOCS["RoleBinding.roleRef"], "roleBinding"),
  cells: (obj, now) => bindingCells(obj as Partial<RoleBinding>, now),
};

/** ClusterRoleBinding: NAME ROLE AGE; wide USERS GROUPS SERVICEACCOUNTS. */
export const clusterRoleBindingPrinter: Printer = {
  columns: bindingColumns(FIELD_DOCS["ClusterRoleBinding.roleRef"], "clusterRoleBinding"),
  cells: (obj, now) => bindingCells(obj as Partial<ClusterRoleBinding>, now),
};
