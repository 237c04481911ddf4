// Generates a realistic, Bitnami-shaped Helm repository index: ~125 charts x ~120 versions,
// each version with annotations (a multi-line images list), dependencies, keywords,
// maintainers and sources, as `helm repo index` writes them (keys sorted, 2-space indent).

const CATEGORIES = ['Database', 'Analytics', 'Infrastructure', 'CMS', 'DeveloperTools', 'ApplicationServer'];
const WORDS = [
  'cache',
  'database',
  'sql',
  'nosql',
  'http',
  'web',
  'queue',
  'metrics',
  'search',
  'proxy',
  'ci',
];

export interface GeneratedIndex {
  yaml: string;
  json: string;
  versions: number;
  charts: number;
}

interface Version {
  annotations: Record<string, string>;
  apiVersion: string;
  appVersion: string;
  created: string;
  dependencies: { name: string; repository: string; tags: string[]; version: string }[];
  description: string;
  digest: string;
  home: string;
  icon: string;
  keywords: string[];
  maintainers: { name: string; url: string }[];
  name: string;
  sources: string[];
  urls: string[];
  version: string;
}

function hex(seed: number): string {
  let out = '';
  let x = seed >>> 0 || 1;
  while (out.length < 64) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out += (x >>> 0).toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

function makeVersion(chart: string, c: number, v: number, baseUrl: string): Version {
  const version = `${Math.floor(v / 20) + 1}.${Math.floor(v / 5) % 4}.${v % 5}`;
  const appVersion = `${c % 9}.${v % 13}.${v % 7}`;
  const images = [chart, 'os-shell', `${chart}-exporter`]
    .map(
      (image, i) =>
        `- name: ${image}\n  image: docker.io/bitnami/${image}:${appVersion}-debian-12-r${v + i}\n`,
    )
    .join('');
  return {
    annotations: { category: CATEGORIES[c % CATEGORIES.length] ?? 'Other', images, licenses: 'Apache-2.0' },
    apiVersion: 'v2',
    appVersion,
    created: new Date(Date.UTC(2022, 0, 1) + (c * 1000 + v) * 3_600_000).toISOString(),
    dependencies: [
      {
        name: 'common',
        repository: 'oci://registry-1.docker.io/bitnamicharts',
        tags: ['bitnami-common'],
        version: '2.x.x',
      },
    ],
    description: `${chart} is an open source, community-developed server that is widely in use around the world due to its features, flexibility, and collaboration with leading companies.`,
    digest: hex(c * 100_003 + v),
    home: 'https://bitnami.com',
    icon: `https://bitnami.com/assets/stacks/${chart}/img/${chart}-stack-220x234.png`,
    keywords: [chart, WORDS[c % WORDS.length] ?? 'x', WORDS[(c + 3) % WORDS.length] ?? 'y', 'prometheus'],
    maintainers: [{ name: 'VMware, Inc.', url: 'https://github.com/bitnami/charts' }],
    name: chart,
    sources: [`https://github.com/bitnami/charts/tree/main/bitnami/${chart}`],
    urls: [`${baseUrl}${chart}-${version}.tgz`],
    version,
  };
}

function quote(s: string): string {
  return /^[\w./:-]+$/.test(s) && !/^\d/.test(s) ? s : JSON.stringify(s);
}

function versionToYaml(v: Version, out: string[]): void {
  out.push('  - annotations:\n');
  for (const [k, val] of Object.entries(v.annotations)) {
    if (val.includes('\n')) {
      out.push(`      ${k}: |\n`);
      for (const line of val.slice(0, -1).split('\n')) out.push(`        ${line}\n`);
    } else out.push(`      ${k}: ${quote(val)}\n`);
  }
  out.push(`    apiVersion: ${v.apiVersion}\n    appVersion: ${v.appVersion}\n    created: "${v.created}"\n`);
  out.push('    dependencies:\n');
  for (const d of v.dependencies) {
    out.push(`    - name: ${d.name}\n      repository: ${d.repository}\n      tags:\n`);
    for (const t of d.tags) out.push(`      - ${t}\n`);
    out.push(`      version: ${d.version}\n`);
  }
  out.push(
    `    description: ${v.description}\n    digest: ${v.digest}\n    home: ${v.home}\n    icon: ${v.icon}\n`,
  );
  out.push('    keywords:\n');
  for (const k of v.keywords) out.push(`    - ${k}\n`);
  out.push('    maintainers:\n');
  for (const m of v.maintainers) out.push(`    - name: ${m.name}\n      url: ${m.url}\n`);
  out.push(`    name: ${v.name}\n    sources:\n`);
  for (const s of v.sources) out.push(`    - ${s}\n`);
  out.push('    urls:\n');
  for (const u of v.urls) out.push(`    - ${u}\n`);
  out.push(`    version: ${v.version}\n`);
}

/** A ~1.3 KB-per-version index; 15,000 versions make ~20 MB of YAML. */
export function generateIndex(
  totalVersions = 15_000,
  baseUrl = 'https://charts.example.com/',
): GeneratedIndex {
  const perChart = 120;
  const charts = Math.ceil(totalVersions / perChart);
  const yaml: string[] = ['apiVersion: v1\nentries:\n'];
  const entries: Record<string, Version[]> = {};
  let made = 0;
  for (let c = 0; c < charts; c++) {
    const chart = `chart-${String(c).padStart(3, '0')}-${WORDS[c % WORDS.length] ?? 'x'}`;
    yaml.push(`  ${chart}:\n`);
    const list: Version[] = [];
    const count = Math.min(perChart, totalVersions - made);
    for (let v = count - 1; v >= 0; v--) {
      const version = makeVersion(chart, c, v, baseUrl);
      versionToYaml(version, yaml);
      list.push(version);
    }
    made += count;
    entries[chart] = list;
  }
  const generated = '2024-05-01T00:00:00.000000000Z';
  yaml.push(`generated: "${generated}"\n`);
  const json = JSON.stringify({ apiVersion: 'v1', entries, generated });
  return { yaml: yaml.join(''), json, versions: made, charts };
}
