/**
 * The JSON shapes selectors are built from: `metav1.LabelSelector` as it
 * appears in Deployments, Services' peers, NetworkPolicies and so on.
 * @module
 */

/** One `matchExpressions` entry of a `metav1.LabelSelector`. */
export interface LabelSelectorRequirementObject {
  key: string;
  /** `In`, `NotIn`, `Exists` or `DoesNotExist`. */
  operator: string;
  values?: string[] | null;
}

/** `metav1.LabelSelector`: matchLabels and matchExpressions, ANDed. */
export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirementObject[] | null;
}
