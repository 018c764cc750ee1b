import type { RuleCreator } from '@typescript-eslint/utils/eslint-utils';
import { isObject } from '../formats/is-object.js';

/** Extra `meta.docs` fields every wimboot rule declares. */
export interface WimbootRuleDocs {
  /** Which shipped configs enable the rule. */
  recommended: boolean;
  /** True when the rule only works with type information. */
  requiresTypeChecking?: boolean;
}

export const DOCS_BASE_URL = 'https://github.com/eslint-plugin-wimboot/eslint-plugin-wimboot/blob/main/docs/rules/';

type CreateRule = ReturnType<typeof RuleCreator<WimbootRuleDocs>>;

// typescript-eslint's RuleCreator, reimplemented: importing it costs editors
// about a third of the plugin's load time (docs/performance.md) for these few
// lines. Same behaviour: `meta.docs.url` from the name, and the options given
// to `create` are `meta.defaultOptions` deep-merged under the user's.
export const createRule = (({ meta, name, create, defaultOptions }) => {
  const resolvedDefaultOptions = (meta.defaultOptions ?? defaultOptions ?? []) as readonly unknown[];
  // A rule configured without options gets the same `context.options` array for
  // every file: merge once per array, not once per file. Frozen, because every
  // file then shares it.
  const merged = new WeakMap<object, readonly unknown[]>();
  return {
    create: (context) => {
      let options = merged.get(context.options);
      if (options === undefined) {
        options = deepFreeze(applyDefault(resolvedDefaultOptions, context.options));
        merged.set(context.options, options);
      }
      return create(context, options as never);
    },
    defaultOptions,
    meta: { ...meta, docs: { ...meta.docs, url: `${DOCS_BASE_URL}${name}.md` } },
    name,
  };
}) as CreateRule;

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const entry of Object.values(value)) deepFreeze(entry);
  }
  return value;
}

/** `second` over `first`, recursively for plain objects. */
export function deepMerge(first: Record<string, unknown>, second: Record<string, unknown>): Record<string, unknown> {
  const keys = new Set([...Object.keys(first), ...Object.keys(second)]);
  return Object.fromEntries(
    [...keys].map((key) => {
      const firstValue = first[key];
      const secondValue = second[key];
      if (key in first && key in second) {
        return [key, isObject(firstValue) && isObject(secondValue) ? deepMerge(firstValue, secondValue) : secondValue];
      }
      return [key, key in first ? firstValue : secondValue];
    }),
  );
}

/**
 * A deep copy of an option value. Options are JSON (ESLint validates them
 * against the schema), so plain objects and arrays are all there is to copy;
 * structuredClone did the same at several times the cost, for every rule of
 * every linted file.
 */
function cloneOption(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneOption);
  if (isObject(value) && (Object.getPrototypeOf(value) === Object.prototype || Object.getPrototypeOf(value) === null)) {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, cloneOption(entry)]));
  }
  return value;
}

/** A clone of the defaults, each overridden (objects: deep-merged) by the user's option at the same index. */
export function applyDefault(
  defaultOptions: readonly unknown[],
  userOptions: readonly unknown[] | null | undefined,
): unknown[] {
  const options = defaultOptions.map(cloneOption);
  if (userOptions === null || userOptions === undefined) return options;
  options.forEach((option, index) => {
    const user = userOptions[index];
    if (user !== undefined) options[index] = isObject(user) && isObject(option) ? deepMerge(option, user) : user;
  });
  return options;
}
