import { KubernetesValidatorFunctions } from '@backstage/catalog-model';
import {
  AUDIENCE_ANNOTATION,
  EntityAnnotationProblem,
  TIER_ANNOTATION,
} from '@internal/plugin-release-coordination-common';

/** What the annotations are checked against: the configured tiers and readiness annotations. */
export interface AnnotationRules {
  /** The tiers risk assessment knows (`releaseCoordination.risk.tierPoints`). */
  tiers: string[];
  /** The annotations readiness requires (`releaseCoordination.readiness.requiredAnnotations`). */
  requiredAnnotations: string[];
}

const quoted = (values: string[]) => values.map(v => `"${v}"`).join(', ');

/** The problems of the tier annotation: a tier risk assessment does not know counts for no points. */
function tierProblems(value: string, rules: AnnotationRules): string[] {
  const tier = value.trim().toLowerCase();
  if (rules.tiers.includes(tier)) return [];
  return [
    `${
      tier ? `"${value}" is not a known tier` : 'is blank'
    }; risk assessment ignores it (known: ${quoted(rules.tiers)})`,
  ];
}

/** The problems of the audience annotation: each entry names a group `group:default/<audience>`. */
function audienceProblems(value: string): string[] {
  const entries = value.split(',').map(entry => entry.trim());
  const problems: string[] = [];
  if (entries.some(entry => !entry)) {
    problems.push('has an empty entry (comma separated names expected)');
  }
  const invalid = entries.filter(
    entry => entry && !KubernetesValidatorFunctions.isValidObjectName(entry),
  );
  if (invalid.length > 0) {
    problems.push(
      `${quoted(
        invalid,
      )} cannot name a group (letters, digits, "-", "_" and ".", at most 63); nobody is notified for it`,
    );
  }
  return problems;
}

/**
 * The problems of the annotations the plugin reads on one entity: the tier,
 * the audience and, when present, the annotations readiness requires (a
 * blank value counts as missing there). Absent annotations are no problem
 * here; readiness reports missing required ones.
 */
export function checkAnnotations(
  annotations: Record<string, string>,
  rules: AnnotationRules,
): EntityAnnotationProblem[] {
  const checks: [string, (value: string) => string[]][] = [
    [TIER_ANNOTATION, value => tierProblems(value, rules)],
    [AUDIENCE_ANNOTATION, audienceProblems],
    ...rules.requiredAnnotations.map(
      annotation =>
        [
          annotation,
          (value: string) =>
            value.trim() ? [] : ['is blank; readiness counts it as missing'],
        ] as [string, (value: string) => string[]],
    ),
  ];
  return checks.flatMap(([annotation, check]) => {
    const value = annotations[annotation];
    if (value === undefined) return [];
    return check(value).map(problem => ({ annotation, value, problem }));
  });
}
