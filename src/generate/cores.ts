import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join, resolve, sep } from "node:path";

/**
 * The cores this process may use: Node's count, lowered to the container's CPU quota. Node 20's
 * os.availableParallelism() (libuv 1.46) counts the machine's cores even in a container limited to
 * fewer, so a pod with a 2-CPU limit on a 64-core node would start 63 workers, each with its own
 * ~23 MB of memory, to share two CPUs. Newer libuv (1.49+) reads the quota itself; this does the
 * same for Node 20: cgroup v2's cpu.max, on the process's own cgroup and its parents, or cgroup v1's
 * cfs quota, rounded down and at least 1. Anything unreadable means no quota.
 */
export function availableCores(root = "/"): number {
  const quota = cgroupCpuQuota(root);
  const cores = availableParallelism();
  return quota === undefined ? cores : Math.max(1, Math.min(cores, Math.floor(quota)));
}

/** CPUs' worth of time per period the process's cgroup allows, or undefined when unlimited or unknown. */
export function cgroupCpuQuota(root = "/"): number | undefined {
  const membership = readText(join(root, "proc/self/cgroup"));
  if (membership === undefined) return undefined;
  let lowest: number | undefined;
  const keep = (quota: number | undefined) => {
    if (quota !== undefined && (lowest === undefined || quota < lowest)) lowest = quota;
  };
  for (const line of membership.split("\n")) {
    const [, controllers, path] = /^\d+:([^:]*):(.*)$/.exec(line.trim()) ?? [];
    if (path === undefined) continue;
    if (controllers === "") {
      // cgroup v2: each level of the hierarchy may set its own limit; the tightest one applies.
      const top = resolve(root, "sys/fs/cgroup");
      for (let dir = resolve(join(top, path)); dir === top || dir.startsWith(top + sep); dir = dirname(dir)) {
        keep(cpuMax(join(dir, "cpu.max")));
        if (dir === top) break;
      }
    } else if (controllers!.split(",").includes("cpu")) {
      // cgroup v1: the top of the cpu controller's hierarchy, which is the container's own cgroup
      // (a quota set on a systemd slice outside a container is not seen).
      for (const mount of ["cpu", "cpu,cpuacct", "cpuacct,cpu"]) keep(cfsQuota(join(root, "sys/fs/cgroup", mount)));
    }
  }
  return lowest;
}

/** cgroup v2 cpu.max: "max 100000" (no limit) or "<quota> <period>" in microseconds. */
function cpuMax(file: string): number | undefined {
  const [quota, period] = (readText(file) ?? "").trim().split(/\s+/);
  return ratio(quota, period);
}

/** cgroup v1: cpu.cfs_quota_us (-1: no limit) over cpu.cfs_period_us. */
function cfsQuota(dir: string): number | undefined {
  return ratio(readText(join(dir, "cpu.cfs_quota_us"))?.trim(), readText(join(dir, "cpu.cfs_period_us"))?.trim());
}

function ratio(quota: string | undefined, period: string | undefined): number | undefined {
  if (quota === undefined || period === undefined || !/^\d+$/.test(quota) || !/^\d+$/.test(period)) return undefined;
  const q = Number(quota), p = Number(period);
  return q > 0 && p > 0 ? q / p : undefined;
}

function readText(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}
