import type { TSESTree } from '@typescript-eslint/utils';
import {
  type ClassLike,
  type ClassNode,
  enclosingFunction,
  isClassNode,
  isInsideWithoutFunction,
  outermostTransparent,
  skipTransparent,
  staticMemberName,
  staticPropertyKey,
} from '../ast.js';
import { memberOfModule } from './builtins.js';
import type { Evaluator } from './evaluate.js';
import { mayPrecede, reachingMemberWrites, thisInstanceOf } from './evaluate.js';
import type { Frame } from './frames.js';
import { enclosingClassBody, isExportsObject, isStaticContext, thisOwner } from './module-index.js';
import {
  type AbstractValue,
  type Values,
  MAX_ALTERNATIVES,
  NULLISH_VALUE,
  UNKNOWN,
  UNKNOWN_STRING,
  concat,
  known,
  markerOf,
  parameterMarker,
  parametersIn,
  text,
  union,
} from './values.js';

/**
 * Member access over every kind of value: modules, project modules' exports,
 * objects (and what is assigned to them later), arrays, classes and their
 * instances, `process.env`, parameter markers (`opts.file` of a parameter
 * `opts` is a marker too, substituted at call sites).
 */

/** `a.b`, `a[k]`, `this.x`, `exports.X`. */
export function evaluateMember(
  evaluator: Evaluator,
  node: TSESTree.MemberExpression,
  frame: Frame | undefined,
): Values {
  const object = skipTransparent(node.object);
  if (object.type === 'ThisExpression') {
    const own = thisMember(evaluator, node, object, frame);
    if (own !== undefined) return own;
  }
  if (isExportsObject(evaluator.module, node.object)) {
    const key = memberKey(evaluator, node, frame);
    if (key !== undefined) {
      const sources = evaluator.index.exportAssignments().get(key);
      return sources === undefined ? UNKNOWN : union(...sources.map((source) => evaluator.evaluate(source, frame)));
    }
  }
  const objectValues = evaluator.evaluate(node.object, frame);
  const key = memberKey(evaluator, node, frame);
  if (key === undefined) {
    // `fs[sync ? 'writeFileSync' : 'writeFile']`: each key it may be.
    const keys = node.computed ? memberKeys(evaluator, node.property, frame) : undefined;
    if (keys === undefined && node.computed) {
      // `TARGETS[key]` with `key` a parameter: the caller chooses the member, decided at each call
      // (a marker, as for the parameter itself; its path keeps the leading-argument shortcut off).
      const [chosenBy] = parametersIn(evaluator.evaluateText(node.property, frame));
      if (chosenBy !== undefined) return { items: [parameterMarker(chosenBy, [CHOSEN_MEMBER])], complete: false };
    }
    return keys === undefined
      ? anyMember(objectValues)
      : union(...keys.map((each) => memberValues(evaluator, objectValues, each, frame, node)));
  }
  const base = memberValues(evaluator, objectValues, key, frame, node);
  if (object.type === 'MemberExpression') {
    const writes = fieldMemberWrites(evaluator, object, key, node, frame);
    return writes.replaces ? union(...writes.values) : union(base, ...writes.values);
  }
  if (object.type !== 'Identifier') return base;
  // `obj.path = x` after `const obj = {…}`: the later value counts too.
  const variable = evaluator.index.objectVariable(object);
  if (variable === null) return base;
  const later = evaluator.index.memberAssignments(variable, key);
  if (later.length === 0) return base;
  // Straight-line code: `o.file = X;` before the read overwrites the literal's value and the writes before it.
  const reaching = reachingMemberWrites(later, node);
  // Without an overwrite before the read, still none made after it in straight-line code.
  const sources = reaching ?? later.filter((source) => mayPrecede(source, node));
  const values = sources.map((source) => evaluator.evaluate(source, evaluator.relevantFrame(source, frame)));
  return reaching === undefined ? union(base, ...values) : union(...values);
}

/**
 * `this.opts.dir` where the class (or literal) writes `this.opts.dir = x`: x counts too, whatever
 * the field holds (a parameter's object, `Object.assign({}, defaults, opts)`); a field initialised
 * with a literal has them already (laterMemberValues), which the union keeps once. When the
 * constructor settles it (`this.opts = { ...opts }; this.opts.dir = x;` as statements of its body,
 * the field set nowhere else), x replaces what the field held (`replaces`).
 */
function fieldMemberWrites(
  evaluator: Evaluator,
  object: TSESTree.MemberExpression,
  key: string,
  read: TSESTree.Node,
  frame: Frame | undefined,
): { readonly values: Values[]; readonly replaces: boolean } {
  const field = fieldOfThis(object);
  if (field === undefined) return { values: instanceFieldWrites(evaluator, object, key, frame), replaces: false };
  const sources = evaluator.index.thisPathAssignments(field.owner, [field.name, key]);
  const settled =
    field.owner.type === 'ClassBody'
      ? settledInConstructor(evaluator, field.owner, field.name, sources, read)
      : undefined;
  // Writes before the settling one in the constructor are overwritten; any other may run after it.
  const used =
    settled === undefined ? sources : sources.filter((source) => source === settled.last || !settled.before(source));
  return {
    values: used.map((source) => evaluator.evaluate(source, evaluator.relevantFrame(source, frame))),
    replaces: settled !== undefined,
  };
}

/**
 * `app.settings.dir` where `app` holds an instance of a class whose own code writes
 * `this.settings.dir = x` (its constructor, a method): x counts too, evaluated in the class's module
 * under the instance's constructor frame. The class's own reads are fieldMemberWrites'.
 */
function instanceFieldWrites(
  evaluator: Evaluator,
  object: TSESTree.MemberExpression,
  key: string,
  frame: Frame | undefined,
): Values[] {
  const name = staticMemberName(object);
  if (name === undefined || object.object.type === 'Super') return [];
  const values: Values[] = [];
  for (const item of evaluator.evaluate(object.object, frame).items) {
    if (item.kind !== 'instance' || !isClassNode(item.node)) continue;
    const owner = evaluator.host.evaluatorFor(item.node) ?? evaluator;
    for (const source of owner.index.thisPathAssignments(item.node.body, [name, key])) {
      if (values.length >= MAX_ALTERNATIVES) return values;
      values.push(owner.evaluate(source, owner.relevantFrame(source, item.frame)));
    }
  }
  return values;
}

/**
 * The last `this.<field>.<key> = x` that is a statement of the constructor's body, when every value
 * the field itself is given comes before it (an initialiser, a parameter property, an earlier
 * statement of the body) and the read is not in the constructor before it: from then on the member
 * is x (or what a method writes later).
 */
function settledInConstructor(
  evaluator: Evaluator,
  owner: TSESTree.ClassBody,
  name: string,
  sources: readonly TSESTree.Node[],
  read: TSESTree.Node,
): { readonly last: TSESTree.Node; readonly before: (node: TSESTree.Node) => boolean } | undefined {
  const members = evaluator.index.classMembers(owner.parent as ClassNode);
  const body = members.constructor?.body;
  if (body?.type !== 'BlockStatement' || members.mergedObjects.length > 0) return undefined;
  const statementOfBody = (node: TSESTree.Node): boolean =>
    node.parent?.type === 'AssignmentExpression' &&
    node.parent.right === node &&
    node.parent.parent.type === 'ExpressionStatement' &&
    node.parent.parent.parent === body;
  let last: TSESTree.Node | undefined;
  for (const source of sources)
    if (statementOfBody(source) && (last === undefined || source.range[0] > last.range[0])) last = source;
  if (last === undefined) return undefined;
  const settledAt = last.range[1];
  // Overwritten by it: run in the constructor before it (not in a function made there, which may run later).
  const before = (node: TSESTree.Node): boolean => node.range[1] <= settledAt && isInsideWithoutFunction(node, body);
  const givenFirst = (members.fields.get(name) ?? []).every(
    (value) =>
      value.parent?.type === 'PropertyDefinition' ||
      value.parent?.type === 'TSParameterProperty' ||
      value.type === 'TSParameterProperty' ||
      (statementOfBody(value) && value.range[1] <= settledAt),
  );
  const readInsideBefore = read.range[0] >= body.range[0] && read.range[0] < settledAt;
  return givenFirst && !readInsideBefore ? { last, before } : undefined;
}

/** The marker path of a member chosen by a parameter (no real key is written so). */
const CHOSEN_MEMBER = '[]';

/**
 * What `key` of an object literal is given after creation through the variable it initialises
 * (`const paths = {}; paths.hosts = x;`), in the literal's own module: also when the object is
 * reached from elsewhere (`module.exports = paths`, a return value, another variable).
 */
function laterMemberValues(
  evaluator: Evaluator,
  literal: TSESTree.ObjectExpression,
  key: string,
  frame: Frame | undefined,
  read: TSESTree.Node | undefined,
): Values[] {
  const owner = evaluator.host.evaluatorFor(literal) ?? evaluator;
  // `this.key = x` in the literal's own methods.
  const sources = [...owner.index.thisPathAssignments(literal, [key])];
  const holder = outermostTransparent(literal);
  const parent = holder.parent;
  if (parent?.type === 'VariableDeclarator' && parent.init === holder && parent.id.type === 'Identifier') {
    const variable = owner.findVariable(parent.id);
    if (variable !== null) sources.push(...owner.index.memberAssignments(variable, key));
  }
  // `this.config = {}` or a field `config = {}`, then `this.config.key = x` in the same class or literal.
  const field =
    parent?.type === 'AssignmentExpression' && parent.right === holder && parent.left.type === 'MemberExpression'
      ? fieldOfThis(parent.left)
      : parent?.type === 'PropertyDefinition' && parent.value === holder && !parent.static
        ? fieldOfClass(parent)
        : undefined;
  if (field !== undefined) sources.push(...owner.index.thisPathAssignments(field.owner, [field.name, key]));
  const reaching = read === undefined ? sources : sources.filter((source) => mayPrecede(source, read));
  return reaching.map((source) => {
    const bound = owner.relevantFrame(source, frame);
    const value = owner.evaluate(source, bound);
    return bound === undefined ? givenThroughSetterMethod(owner, literal, source, value) : value;
  });
}

/** `this.config` as its owner (class body or object literal) and field name. */
function fieldOfThis(
  member: TSESTree.MemberExpression,
): { owner: TSESTree.ClassBody | TSESTree.ObjectExpression; name: string } | undefined {
  const object = skipTransparent(member.object);
  const name = staticMemberName(member);
  const owner = object.type === 'ThisExpression' ? thisOwner(object) : undefined;
  return owner === undefined || name === undefined ? undefined : { owner, name };
}

/** A class field declaration as its class body and name. */
function fieldOfClass(field: TSESTree.PropertyDefinition): { owner: TSESTree.ClassBody; name: string } | undefined {
  const name = staticPropertyKey(field);
  return field.parent.type === 'ClassBody' && name !== undefined ? { owner: field.parent, name } : undefined;
}

/** Static property name of a member expression, resolving computed keys when they are constant. */
export function memberKey(evaluator: Evaluator, node: TSESTree.MemberExpression, frame?: Frame): string | undefined {
  if (!node.computed) return staticMemberName(node);
  const keys = memberKeys(evaluator, node.property, frame);
  return keys?.length === 1 ? keys[0] : undefined;
}

/** Every key a computed key may be, when each alternative is a known text or number (undefined otherwise). */
function memberKeys(evaluator: Evaluator, property: TSESTree.Node, frame: Frame | undefined): string[] | undefined {
  const values = evaluator.evaluateText(property, frame);
  if (!values.complete || values.items.length === 0) return undefined;
  const keys: string[] = [];
  for (const item of values.items) {
    if (item.kind === 'number') keys.push(String(item.value));
    else if (item.kind === 'string' && item.parts.every((part) => part.kind === 'text'))
      keys.push(item.parts.map((part) => (part.kind === 'text' ? part.text : '')).join(''));
    else return undefined;
  }
  return keys;
}

/**
 * Member `key` of each value in the set. With `read` (where the member is read), an object literal's
 * member assigned only after it, in straight-line code, is left out (`mayPrecede`).
 */
export function memberValues(
  evaluator: Evaluator,
  object: Values,
  key: string,
  frame?: Frame,
  read?: TSESTree.Node,
): Values {
  const results: Values[] = [];
  for (const item of object.items) results.push(memberOf(evaluator, item, key, frame, read));
  const merged = union(...results);
  return { items: merged.items, complete: merged.complete && object.complete };
}

function memberOf(
  evaluator: Evaluator,
  item: AbstractValue,
  key: string,
  frame: Frame | undefined,
  read: TSESTree.Node | undefined,
): Values {
  switch (item.kind) {
    case 'module':
      // Interop: the default export of a package read through require() is the package (`fs_1.default`),
      // a subpath's too (`__importDefault(require('fs/promises')).default` is fs.promises).
      if (key === 'default') return known(item);
      return known(memberOfModule(item, key));
    case 'namespace':
      return evaluator.host.exportValue(item.file, key);
    case 'env-object':
      return known({ kind: 'string', parts: [{ kind: 'env', name: key }] });
    case 'object': {
      const property = item.properties.get(key);
      const overriders = property === undefined ? undefined : item.overriders?.get(key);
      const own =
        property !== undefined
          ? overriders === undefined
            ? property()
            : union(property(), ...overriders.map((source) => spreadMember(evaluator, source, key, frame)))
          : item.spreads !== undefined
            ? {
                items: union(...item.spreads.map((spread) => spreadMember(evaluator, spread, key, frame))).items,
                complete: false,
              }
            : item.open
              ? UNKNOWN
              : known(NULLISH_VALUE);
      const later = item.node === undefined ? [] : laterMemberValues(evaluator, item.node, key, frame, read);
      return later.length === 0 ? own : union(own, ...later);
    }
    case 'array': {
      if (key === 'length') return { items: [], complete: false };
      const position = Number(key);
      if (!Number.isInteger(position) || position < 0) return UNKNOWN;
      const element = item.elements[position];
      if (element === undefined) return item.open ? UNKNOWN : known(NULLISH_VALUE);
      return item.open ? { items: element().items, complete: false } : element();
    }
    case 'class':
      return staticMember(evaluator, item.node, key, frame);
    case 'instance':
      return instanceMember(evaluator, item.node, item.frame, key);
    case 'string': {
      const marker = markerOf(item);
      if (marker?.param !== undefined) return known(parameterMarker(marker.param, [...(marker.path ?? []), key]));
      return UNKNOWN;
    }
    case 'call':
    case 'member':
      return known({ kind: 'member', object: item, name: key });
    default:
      return UNKNOWN;
  }
}

/** Calls of one name looked at for a setter-like method (`e.setFile(X)`), whatever their receiver. */
const MAX_SETTER_CALL_CANDIDATES = 64;
type MethodHolder = ClassLike | TSESTree.ObjectExpression;
// Per evaluator (its module's calls), per class or object literal, per method name.
const setterMethodCalls = new WeakMap<Evaluator, Map<MethodHolder, Map<string, readonly TSESTree.CallExpression[]>>>();

/**
 * `setFile(f) { this.file = f; }` called as `editor.setFile(HOSTS)`: a field a method sets from its
 * parameter, read where no frame binds that method (another method's write), holds what the
 * module's calls of the method on the class's instances (or on the object literal) give it, as
 * many as MAX_ALTERNATIVES; never complete, since another module may call it too. The analog, for
 * methods, of a setter's assignments and of a plain function's calls (Evaluator.assignedValue).
 */
function givenThroughSetterMethod(
  owner: Evaluator,
  holder: MethodHolder,
  source: TSESTree.Node,
  value: Values,
): Values {
  const method = enclosingFunction(source);
  if (method === undefined || !parametersIn(value).some((ref) => ref.fn === method)) return value;
  const definition = method.parent;
  let name: string | undefined;
  if (definition?.type === 'MethodDefinition') {
    if (definition.kind === 'method' && !definition.static && definition.parent.parent === holder)
      name = staticPropertyKey(definition);
  } else if (definition?.type === 'Property' && definition.parent === holder && definition.kind === 'init') {
    name = staticPropertyKey(definition);
  }
  if (name === undefined) return value;
  const calls = callsOfMethod(owner, holder, name);
  if (calls.length === 0) return value;
  return { items: union(value, ...owner.atEachCall(method, calls, source)).items, complete: false };
}

/** The calls `x.name(…)` in `owner`'s module whose receiver is `holder`'s: an instance of the class, the object (bounded; cached). */
function callsOfMethod(owner: Evaluator, holder: MethodHolder, name: string): readonly TSESTree.CallExpression[] {
  let byHolder = setterMethodCalls.get(owner);
  if (byHolder === undefined) {
    byHolder = new Map();
    setterMethodCalls.set(owner, byHolder);
  }
  let byName = byHolder.get(holder);
  if (byName === undefined) {
    byName = new Map();
    byHolder.set(holder, byName);
  }
  const known = byName.get(name);
  if (known !== undefined) return known;
  // Asked again while it is being answered (a receiver read through the same field): nothing more.
  byName.set(name, []);
  const found: TSESTree.CallExpression[] = [];
  let candidates = 0;
  // An instance of a subclass of this module calls the inherited method too (one level down).
  const holders = new Set<TSESTree.Node>([holder, ...(isClassNode(holder) ? owner.index.subclassesOf(holder) : [])]);
  for (const call of owner.index.callsOfMember(name)) {
    if (found.length >= MAX_ALTERNATIVES || candidates++ >= MAX_SETTER_CALL_CANDIDATES) break;
    const receiver = owner.evaluate((skipTransparent(call.callee) as TSESTree.MemberExpression).object);
    if (
      receiver.items.some(
        (item) =>
          (item.kind === 'instance' || item.kind === 'object') && item.node !== undefined && holders.has(item.node),
      )
    )
      found.push(call);
  }
  byName.set(name, found);
  return found;
}

/** `key` of a value spread into an object: an instance gives only its own fields, not its prototype's getters and methods. */
function spreadMember(evaluator: Evaluator, source: AbstractValue, key: string, frame: Frame | undefined): Values {
  return source.kind === 'instance'
    ? instanceMember(evaluator, source.node, source.frame, key, true)
    : memberOf(evaluator, source, key, frame, undefined);
}

/** `map[key]` with a key we cannot resolve: every value the object holds (bounded). */
export function anyMember(object: Values): Values {
  const results: Values[] = [];
  let complete = object.complete;
  let count = 0;
  for (const item of object.items) {
    if (item.kind === 'object') {
      for (const property of item.properties.values()) {
        // Stop at the bound: a huge object literal is not read to the end.
        if (count++ >= MAX_ALTERNATIVES) {
          complete = false;
          break;
        }
        results.push(property());
      }
      complete &&= !item.open;
    } else if (item.kind === 'array') {
      for (const element of item.elements) {
        if (count++ >= MAX_ALTERNATIVES) {
          complete = false;
          break;
        }
        results.push(element());
      }
      complete &&= !item.open;
    } else if (item.kind === 'env-object') {
      results.push(known(UNKNOWN_STRING));
      complete = false;
    } else {
      complete = false;
    }
  }
  const merged = union(...results);
  return { items: merged.items, complete: merged.complete && complete };
}

/** `this.x` in a class: its fields, methods and getters; undefined outside classes (then `this` is unknown). */
function thisMember(
  evaluator: Evaluator,
  node: TSESTree.MemberExpression,
  thisNode: TSESTree.ThisExpression,
  frame: Frame | undefined,
): Values | undefined {
  const body = enclosingClassBody(thisNode);
  if (body === undefined) return undefined;
  const key = memberKey(evaluator, node, frame);
  if (key === undefined) return UNKNOWN;
  const classNode = body.parent as ClassNode;
  if (isStaticContext(thisNode)) return staticMember(evaluator, classNode, key, frame);
  const instance = thisInstanceOf(evaluator, classNode, frame);
  return instanceMember(evaluator.host.evaluatorFor(instance.node) ?? evaluator, instance.node, instance.frame, key);
}

/** A member of an instance: a method (bound to the instance), a getter's value, or every value of a field. */
function instanceMember(
  evaluator: Evaluator,
  classNode: ClassLike,
  instance: Frame | undefined,
  key: string,
  /** Only what the instance holds itself (a spread copies no method or getter of the prototype). */
  ownOnly = false,
): Values {
  const owner = evaluator.host.evaluatorFor(classNode) ?? evaluator;
  const members = owner.index.classMembers(classNode);
  const method = ownOnly ? undefined : members.methods.get(key);
  const fieldSources = members.fields.get(key);
  const results: Values[] = [];
  if (method !== undefined && fieldSources === undefined) {
    return known(
      instance === undefined ? { kind: 'function', node: method } : { kind: 'function', node: method, frame: instance },
    );
  }
  const getter = ownOnly ? undefined : members.getters.get(key);
  if (getter !== undefined) {
    for (const returned of owner.index.returnsOf(getter)) results.push(owner.evaluate(returned, instance));
  }
  for (const source of fieldSources ?? []) {
    if (source.type === 'AssignmentExpression') {
      // `this.x += y`: grows every other value of the field.
      const others = (fieldSources ?? []).filter((other) => other.type !== 'AssignmentExpression');
      results.push(
        concat(
          union(...others.map((other) => owner.evaluate(other, owner.relevantFrame(other, instance)))),
          owner.evaluate(source.right, owner.relevantFrame(source, instance)),
        ),
      );
      continue;
    }
    const frame = owner.relevantFrame(source, instance);
    const value = owner.evaluate(source, frame);
    results.push(frame === undefined ? givenThroughSetterMethod(owner, classNode, source, value) : value);
  }
  // `Object.assign(this, DEFAULTS, options)`: the key of each merged object that has one.
  // One that may not have it leaves the others possible ("may"), never alone an unknown field.
  let mergedUnknown = false;
  for (const merged of members.mergedObjects) {
    const values = memberValues(owner, owner.evaluate(merged, owner.relevantFrame(merged, instance)), key, instance);
    if (values.items.length > 0) results.push(values);
    else mergedUnknown = true;
  }
  if (mergedUnknown && results.length > 0) results.push(UNKNOWN);
  if (results.length === 0) {
    const superClass = isClassNode(classNode) ? classNode.superClass : undefined;
    if (superClass !== null && superClass !== undefined) {
      const parents = owner.evaluate(superClass);
      const inherited = parents.items
        .filter((item): item is Extract<AbstractValue, { kind: 'class' }> => item.kind === 'class')
        .map((item) =>
          instanceMember(
            owner.host.evaluatorFor(item.node) ?? owner,
            item.node,
            parentFrame(owner, classNode, item.node, instance),
            key,
            ownOnly,
          ),
        );
      if (inherited.length > 0 && inherited.some((values) => values.items.length > 0)) {
        // A method found on a parent runs with `this` an instance of this class (the outermost class wins).
        const merged = union(...inherited);
        return {
          items: merged.items.map((item) => (item.kind === 'function' ? { ...item, receiver: classNode } : item)),
          complete: merged.complete,
        };
      }
    }
    // A member the class never gives itself, read in its methods: a subclass of the module may
    // (`class Hosts extends Base { file = HOSTS }` for `this.file` in Base).
    const given = owner.index
      .subclassesOf(classNode)
      .flatMap((subclass) => owner.index.classMembers(subclass).fields.get(key) ?? []);
    if (given.length > 0) {
      const values = union(...given.map((source) => owner.evaluate(source)));
      return { items: values.items, complete: false };
    }
    return UNKNOWN;
  }
  const values = union(...results);
  if (instance === undefined || !values.items.some((item) => item.kind === 'function' && item.frame === undefined))
    return values;
  // A function a field holds (`save = () => …`, `this.save = function …`) is called on the instance too.
  return {
    items: values.items.map((item) =>
      item.kind === 'function' && item.frame === undefined ? { ...item, frame: instance } : item,
    ),
    complete: values.complete,
  };
}

/**
 * The frame of the parent class's constructor for an instance of `classNode` built under
 * `instance`: the `super(…)` call in the subclass's constructor, with its arguments evaluated
 * there; the same frame when it already is the parent's (a subclass without a constructor of its
 * own passes its arguments on, calls.ts `construct`).
 */
function parentFrame(
  owner: Evaluator,
  classNode: ClassLike,
  parent: ClassLike,
  instance: Frame | undefined,
): Frame | undefined {
  if (instance === undefined) return undefined;
  const parentOwner = owner.host.evaluatorFor(parent) ?? owner;
  const parentConstructor = parentOwner.index.classMembers(parent).constructor;
  if (parentConstructor === undefined || instance.fn === parentConstructor) return instance;
  const constructor = owner.index.classMembers(classNode).constructor;
  if (constructor === undefined || instance.fn !== constructor) return undefined;
  const superCall = owner.index
    .callsIn(constructor)
    .find((call): call is TSESTree.CallExpression => call.type === 'CallExpression' && call.callee.type === 'Super');
  if (superCall === undefined) return undefined;
  return owner.host.frames.frame(
    parentConstructor,
    superCall,
    { nodes: superCall.arguments, evaluate: (arg) => owner.evaluate(arg, instance) },
    instance,
    undefined,
  );
}

/** A static member of a class: a static method, a static field's values, or `name`. */
function staticMember(evaluator: Evaluator, classNode: ClassNode, key: string, frame: Frame | undefined): Values {
  const owner = evaluator.host.evaluatorFor(classNode) ?? evaluator;
  const members = owner.index.classMembers(classNode);
  const method = members.staticMethods.get(key);
  const sources = members.staticFields.get(key);
  const getter = members.staticGetters.get(key);
  if (getter !== undefined) {
    return union(...owner.index.returnsOf(getter).map((returned) => owner.evaluate(returned, frame)));
  }
  if (method !== undefined && sources === undefined) return known({ kind: 'function', node: method });
  if (sources !== undefined) {
    return union(...sources.map((source) => owner.evaluate(source, owner.relevantFrame(source, frame))));
  }
  if (key === 'name' && classNode.id !== null && classNode.id !== undefined) return known(text(classNode.id.name));
  return UNKNOWN;
}
