// @ts-check
/**
 * Keel's generators (plop, ADR 0011). Run from the repository root through npm:
 *   npm run g:context -- <name> [aggregate]           a bounded context in libs/<name>, registered in contexts.ts
 *   npm run g:command -- <context> <verb-noun>        a command, its handler and the handler's unit spec
 *   npm run g:query -- <context> <verb-noun>          a query, its handler, its view and the handler's unit spec
 *   npm run g:consumer -- <context> <event> <action>  a consumer of an integration event and its unit spec
 * Arguments bypass the prompts in order (plop's bypass); without them plop asks.
 * The generated files follow docs/architecture.md / the house layout and are
 * formatted with the repository's prettier before the generator ends.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const TEMPLATES = 'templates';
const KEBAB = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** The one registration list in the root contexts.ts: its head and its closing line. */
const CONTEXTS_LIST = /(export const CONTEXTS[^=]*=\s*\[[\s\S]*?)(\n\];)/;
/** A line in every context module's `providers`: the generators insert new handlers and consumers above it. */
const PROVIDERS_MARKER = '// generators: new handlers and consumers go above this line';
/** The platform libs' folder names (kernel, http, ...): every other folder under libs/ is a context, so these are taken. */
const PLATFORM_LIBS = /** @type {string[]} */ (createRequire(import.meta.url)(path.join(ROOT, '.dependency-cruiser.js')).PLATFORM_LIBS);

const kebab = (what) => (value) => KEBAB.test(String(value ?? '')) || `${what} must be kebab-case (lowercase words joined by "-")`;
const words = (kebabName) => kebabName.split('-');
const pascal = (kebabName) =>
  words(kebabName)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
const camel = (kebabName) => pascal(kebabName).replace(/^./, (c) => c.toLowerCase());
const constant = (kebabName) => kebabName.replace(/[-.]/g, '_').toUpperCase();
const snake = (kebabName) => kebabName.replace(/-/g, '_');

/** English singular of the last word, good enough for names of things (reviews → review, categories → category). */
export function singular(name) {
  const rules = [
    [/ies$/, 'y'],
    [/(ss|x|ch|sh)es$/, '$1'],
    [/([^s])s$/, '$1'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(name)) return name.replace(pattern, replacement);
  return name;
}

/** English plural of the last word (review → reviews, category → categories). */
export function plural(name) {
  if (/[^aeiou]y$/.test(name)) return name.replace(/y$/, 'ies');
  if (/(s|x|ch|sh)$/.test(name)) return `${name}es`;
  return `${name}s`;
}

/** Every name a template needs, derived once from the context's and the aggregate's kebab-case names. */
function contextData(name, aggregate) {
  const agg = aggregate || singular(name);
  return {
    name,
    Name: pascal(name),
    nameCamel: camel(name),
    NAME: constant(name),
    schema: snake(name),
    agg,
    Agg: pascal(agg),
    aggCamel: camel(agg),
    aggs: camel(plural(agg)),
    AGG: constant(agg),
    table: snake(plural(agg)),
  };
}

const libPath = (context, ...parts) => path.join(ROOT, 'libs', context, 'src', ...parts);

/** Stops the generator, before it writes anything, when the context does not exist. */
function requireContext(context) {
  if (!existsSync(libPath(context))) throw new Error(`No context libs/${context}/src: create it with npm run g:context -- ${context}`);
}

/**
 * The aggregate whose repository the generated handler uses, by the house
 * conventions: domain/<agg>.repository.port.ts with findById and update, <Agg>NotFoundError
 * in the domain, and testing/<agg>.repository.fake.ts (InMemory<Agg>Repository).
 */
function requireAggregate(context, agg) {
  const port = libPath(context, 'domain', `${agg}.repository.port.ts`);
  const fake = libPath(context, 'testing', `${agg}.repository.fake.ts`);
  const missing = [];
  const portSource = existsSync(port) ? readFileSync(port, 'utf8') : '';
  if (!portSource.includes('findById(') || !portSource.includes('update('))
    missing.push(`${path.relative(ROOT, port)} with findById and update`);
  const domain = libPath(context, 'domain');
  const notFound = `class ${pascal(agg)}NotFoundError`;
  if (!readdirSync(domain).some((f) => f.endsWith('.ts') && readFileSync(path.join(domain, f), 'utf8').includes(notFound))) {
    missing.push(`${notFound} in ${path.relative(ROOT, domain)}`);
  }
  if (!existsSync(fake)) missing.push(path.relative(ROOT, fake));
  if (missing.length > 0) {
    throw new Error(
      `The generated handler loads the ${agg} through its repository port; missing: ${missing.join(', ')}. ` +
        `Name the aggregate as the third argument (npm run g:command -- ${context} <verb-noun> <aggregate>), or write the handler by hand.`,
    );
  }
}

/** True when the file exports a constant of that name (plop's `skip` returns the reason as a string). */
function declares(file, constName) {
  return existsSync(file) && new RegExp(`export const ${constName}\\b`).test(readFileSync(file, 'utf8'))
    ? `${path.relative(ROOT, file)} already declares ${constName}`
    : false;
}

/** Inserts `line` after the last import statement of a TypeScript file (multi-line imports included). */
function addImport(source, line) {
  if (source.includes(line)) return source;
  const lines = source.split('\n');
  let end = -1;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].startsWith('import ')) continue;
    while (i < lines.length && !lines[i].trimEnd().endsWith(';')) i++;
    end = i;
  }
  lines.splice(end + 1, 0, line);
  return lines.join('\n');
}

/** A custom action: registers a provider class in the context module above the generators' marker. */
function registerProvider(context, className, importPath) {
  return () => {
    const file = libPath(context, `${context}.module.ts`);
    const source = readFileSync(file, 'utf8');
    const marker = source.split('\n').find((l) => l.trim() === PROVIDERS_MARKER);
    if (!marker) {
      return `[NOT REGISTERED] ${path.relative(ROOT, file)} has no "${PROVIDERS_MARKER}" line in its providers: add ${className} there by hand`;
    }
    const indent = marker.slice(0, marker.indexOf('/'));
    const withProvider = source.replace(marker, `${indent}${className},\n${marker}`);
    writeFileSync(file, addImport(withProvider, `import { ${className} } from '${importPath}';`));
    return `${path.relative(ROOT, file)}: ${className} in providers`;
  };
}

/** A custom action: appends export lines to a barrel (application/index.ts), when the context has one. */
function exportFrom(context, barrel, modules) {
  return () => {
    const file = libPath(context, barrel);
    if (!existsSync(file)) return `[SKIPPED] ${path.relative(ROOT, file)} does not exist`;
    const source = readFileSync(file, 'utf8');
    const lines = modules.map((m) => `export * from '${m}';`).filter((l) => !source.includes(l));
    writeFileSync(file, `${source.replace(/\n*$/, '\n')}${lines.join('\n')}\n`);
    return `${path.relative(ROOT, file)}: ${lines.length} export(s)`;
  };
}

/** A custom action: formats what the generator wrote with the repository's prettier (so `npm run lint` passes). */
function format(...relativePaths) {
  return () => {
    const targets = relativePaths.filter((p) => existsSync(path.join(ROOT, p)));
    execFileSync(
      process.execPath,
      [path.join(ROOT, 'node_modules/prettier/bin/prettier.cjs'), '--write', '--log-level', 'warn', ...targets],
      {
        cwd: ROOT,
        stdio: 'inherit',
      },
    );
    return `prettier --write ${targets.join(' ')}`;
  };
}

/** Migration timestamps are milliseconds, like every other migration's: they order the migrations of all contexts. */
const migrationTimestamp = () => Date.now();

const isTty = () => Boolean(process.stdin.isTTY);

/** The aggregate a command or query works on: the context's singular unless named (third argument). */
const aggregatePrompt = {
  type: 'input',
  name: 'aggregate',
  message: 'Aggregate it loads (kebab-case; its repository port and fake must exist)',
  default: (answers) => singular(answers.context),
  when: isTty,
  validate: kebab('The aggregate'),
};

/** @param {import('plop').NodePlopAPI} plop */
export default function (plop) {
  plop.setGenerator('context', {
    description: 'A bounded context in libs/<name>, in the house layout, registered in contexts.ts',
    prompts: [
      { type: 'input', name: 'name', message: 'Context name (kebab-case plural noun, e.g. reviews)', validate: kebab('The context name') },
      {
        type: 'input',
        name: 'aggregate',
        message: 'Name of its sample aggregate (kebab-case singular)',
        default: (answers) => singular(answers.name),
        // Bypassed with the name only (`npm run g:context -- reviews`) and no terminal: the derived singular.
        when: isTty,
        validate: kebab('The aggregate name'),
      },
    ],
    actions: (answers) => {
      const data = { ...contextData(answers.name, answers.aggregate), timestamp: migrationTimestamp() };
      if (PLATFORM_LIBS.includes(data.name))
        throw new Error(`${data.name} is a platform lib's name (${PLATFORM_LIBS.join(', ')}); pick another context name`);
      if (existsSync(path.join(ROOT, 'libs', data.name))) throw new Error(`libs/${data.name} already exists`);
      if (['platform', 'contexts'].includes(data.name)) throw new Error(`"${data.name}" is reserved`);
      // Checked before anything is written, so a failure leaves no half-generated context behind.
      if (!CONTEXTS_LIST.test(readFileSync(path.join(ROOT, 'contexts.ts'), 'utf8'))) {
        throw new Error('contexts.ts has no `export const CONTEXTS = [ ... ];` list to add the context to');
      }
      return [
        {
          type: 'addMany',
          destination: path.join(ROOT, 'libs', '{{name}}'),
          base: `${TEMPLATES}/context`,
          templateFiles: `${TEMPLATES}/context/**/*.hbs`,
          globOptions: { dot: true },
          data,
          verbose: false,
        },
        // The one registration list: an import and an entry, nothing else outside libs/<name>.
        {
          type: 'modify',
          path: path.join(ROOT, 'contexts.ts'),
          transform: (source) => {
            return addImport(source, `import { ${data.nameCamel}Context } from '@keel/${data.name}';`).replace(
              CONTEXTS_LIST,
              `$1\n  ${data.nameCamel}Context,$2`,
            );
          },
        },
        format(`libs/${data.name}`, 'contexts.ts'),
      ];
    },
  });

  plop.setGenerator('command', {
    description: 'A command in an existing context: command, @TransactionalCommandHandler, unit spec; registered in the module',
    prompts: [
      { type: 'input', name: 'context', message: 'Context (folder under libs/)', validate: kebab('The context') },
      { type: 'input', name: 'command', message: 'Command (verb-noun, e.g. publish-review)', validate: kebab('The command') },
      aggregatePrompt,
    ],
    actions: (answers) => useCase('command', answers.context, answers.command, answers.aggregate),
  });

  plop.setGenerator('query', {
    description: 'A query in an existing context: query, handler, its view, unit spec; registered in the module',
    prompts: [
      { type: 'input', name: 'context', message: 'Context (folder under libs/)', validate: kebab('The context') },
      { type: 'input', name: 'query', message: 'Query (verb-noun, e.g. get-review-summary)', validate: kebab('The query') },
      aggregatePrompt,
    ],
    actions: (answers) => useCase('query', answers.context, answers.query, answers.aggregate),
  });

  plop.setGenerator('consumer', {
    description: 'A consumer of an integration event in an existing context, with its unit spec; registered in the module',
    prompts: [
      { type: 'input', name: 'context', message: 'Context (folder under libs/)', validate: kebab('The context') },
      {
        type: 'input',
        name: 'event',
        message: 'Event (wire name <context>.<past-tense>, e.g. orders.order-placed)',
        validate: (v) => /^[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*$/.test(String(v ?? '')) || 'The event is <context>.<event> in kebab-case',
      },
      { type: 'input', name: 'action', message: 'What the consumer does (verb-noun, e.g. send-welcome)', validate: kebab('The action') },
    ],
    actions: (answers) => {
      const context = answers.context;
      requireContext(context);
      const [producer, eventName] = answers.event.split('.');
      const file = `${answers.action}-on-${eventName}`;
      const data = {
        ...contextData(context),
        event: answers.event,
        EVENT: constant(answers.event),
        Event: pascal(eventName),
        producer,
        action: answers.action,
        file,
        Consumer: pascal(file),
      };
      const dir = libPath(context, 'application', 'consumers');
      return [
        { type: 'add', path: path.join(dir, `${file}.consumer.ts`), templateFile: `${TEMPLATES}/consumer/consumer.ts.hbs`, data },
        { type: 'add', path: path.join(dir, `${file}.consumer.spec.ts`), templateFile: `${TEMPLATES}/consumer/consumer.spec.ts.hbs`, data },
        {
          type: 'add',
          path: libPath(context, 'application', 'consumed-events.ts'),
          templateFile: `${TEMPLATES}/consumer/consumed-events.ts.hbs`,
          skipIfExists: true,
          data,
        },
        // The event's name and payload type, unless the context already declares them.
        {
          type: 'append',
          path: libPath(context, 'application', 'consumed-events.ts'),
          templateFile: `${TEMPLATES}/consumer/consumed-event.ts.hbs`,
          skip: () => declares(libPath(context, 'application', 'consumed-events.ts'), data.EVENT),
          unique: false, // plop's uniqueness check turns the text into a RegExp; `skip` is the check
          data,
        },
        exportFrom(context, 'application/index.ts', [`./consumers/${file}.consumer`]),
        registerProvider(context, data.Consumer, `./application/consumers/${file}.consumer`),
        format(`libs/${context}/src`),
      ];
    },
  });
}

/** The actions of g:command and g:query (same shape: a folder per use case under commands/ or queries/). */
function useCase(kind, context, useCaseName, aggregate) {
  requireContext(context);
  const data = contextData(context, aggregate);
  requireAggregate(context, data.agg);
  const noun = useCaseName.split('-').slice(1).join('-') || useCaseName;
  Object.assign(data, { useCase: useCaseName, UseCase: pascal(useCaseName), noun, Noun: pascal(noun) });
  const folder = kind === 'command' ? 'commands' : 'queries';
  const dir = libPath(context, 'application', folder, useCaseName);
  const files = kind === 'command' ? ['command', 'handler', 'handler.spec'] : ['query', 'handler', 'handler.spec', 'view'];
  return [
    ...files.map((f) => ({
      type: 'add',
      path: path.join(dir, f === 'view' ? `${noun}.view.ts` : `${useCaseName}.${f}.ts`),
      templateFile: `${TEMPLATES}/${kind}/${f}.ts.hbs`,
      data,
    })),
    exportFrom(
      context,
      'application/index.ts',
      [`./${folder}/${useCaseName}/${useCaseName}.${kind}`, `./${folder}/${useCaseName}/${useCaseName}.handler`].concat(
        kind === 'query' ? [`./${folder}/${useCaseName}/${noun}.view`] : [],
      ),
    ),
    registerProvider(context, `${data.UseCase}Handler`, `./application/${folder}/${useCaseName}/${useCaseName}.handler`),
    format(`libs/${context}/src`),
  ];
}
