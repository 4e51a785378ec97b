import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { availableCores, cgroupCpuQuota } from "../../src/generate/cores.js";
import { tempDir } from "../support/cli.js";

const roots: string[] = [];
afterAll(() => roots.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fake filesystem root holding the given files. */
function root(files: Record<string, string>): string {
  const dir = tempDir("synth-cgroup-");
  roots.push(dir);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe("cgroupCpuQuota", () => {
  it("reads cgroup v2 cpu.max of the process's cgroup", () => {
    expect(cgroupCpuQuota(root({ "proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "250000 100000\n" }))).toBe(2.5);
  });

  it("takes the tightest limit on the way up a v2 hierarchy", () => {
    const fs = root({
      "proc/self/cgroup": "0::/kubepods/pod1/box\n",
      "sys/fs/cgroup/kubepods/pod1/box/cpu.max": "max 100000\n",
      "sys/fs/cgroup/kubepods/pod1/cpu.max": "150000 100000\n",
      "sys/fs/cgroup/kubepods/cpu.max": "400000 100000\n",
    });
    expect(cgroupCpuQuota(fs)).toBe(1.5);
  });

  it("stays inside the cgroup filesystem", () => {
    expect(cgroupCpuQuota(root({ "proc/self/cgroup": "0::/../../../x\n", "x/cpu.max": "100000 100000\n", "sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBeUndefined();
  });

  it("reads cgroup v1's cfs quota", () => {
    const fs = root({ "proc/self/cgroup": "4:cpu,cpuacct:/\n1:memory:/x\n", "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_quota_us": "300000\n", "sys/fs/cgroup/cpu,cpuacct/cpu.cfs_period_us": "100000\n" });
    expect(cgroupCpuQuota(fs)).toBe(3);
  });

  it("finds no quota where there is none, or nothing to read", () => {
    expect(cgroupCpuQuota(root({ "proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "max 100000\n" }))).toBeUndefined();
    expect(cgroupCpuQuota(root({ "proc/self/cgroup": "1:cpu:/\n", "sys/fs/cgroup/cpu/cpu.cfs_quota_us": "-1\n", "sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000\n" }))).toBeUndefined();
    expect(cgroupCpuQuota(root({ "proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": "garbage\n" }))).toBeUndefined();
    expect(cgroupCpuQuota(root({}))).toBeUndefined();
  });
});

describe("availableCores", () => {
  it("rounds a quota down, to at least one core, and never above the machine's count", () => {
    const limited = (cpuMax: string) => availableCores(root({ "proc/self/cgroup": "0::/\n", "sys/fs/cgroup/cpu.max": cpuMax }));
    expect(limited("50000 100000")).toBe(1);
    expect(limited("150000 100000")).toBe(1);
    expect(limited(`${(availableParallelism() + 8) * 100000} 100000`)).toBe(availableParallelism());
    if (availableParallelism() >= 2) expect(limited("200000 100000")).toBe(2);
    expect(availableCores(root({}))).toBe(availableParallelism());
  });
});
