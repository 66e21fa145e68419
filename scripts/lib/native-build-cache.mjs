// better-sqlite3 installs a prebuilt binary from GitHub when it can and compiles SQLite from
// source when it cannot (about 80 s on two cores, most of a fresh install here: only the npm
// registry is reachable). After a compile, the binary is kept where prebuild-install looks
// before it downloads (npm's cache, `_prebuilds/`, named after the download address, which holds
// the package version, Node's ABI, platform, libc and architecture), so the next install on this
// machine (a fresh clone, a worktree, CI) unpacks it instead of compiling again. prebuild-install
// loads the binary before it accepts it and compiles when that fails. Best effort: any problem
// here only means the next install compiles again. Decision 111.
import { createWriteStream, existsSync, mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";

const BINARY = path.join("build", "Release", "better_sqlite3.node");

// Run as a script by setup.mjs after `npm install`: `node native-build-cache.mjs <project root>`.
await keepCompiledSqliteBinary(process.argv[2] ?? process.cwd());

async function keepCompiledSqliteBinary(root) {
  const pkgDir = path.join(root, "node_modules", "better-sqlite3");
  if (!existsSync(path.join(pkgDir, BINARY))) return;
  try {
    const require = createRequire(path.join(pkgDir, "package.json"));
    const cached = cachedPrebuildPath(require, pkgDir);
    if (existsSync(cached)) return;
    const tar = require(
      require.resolve("tar-fs", { paths: [require.resolve("prebuild-install")] }),
    );
    mkdirSync(path.dirname(cached), { recursive: true });
    const partial = `${cached}.${process.pid}.tmp`;
    await pipeline(
      tar.pack(pkgDir, { entries: [BINARY] }),
      createGzip(),
      createWriteStream(partial),
    );
    renameSync(partial, cached); // whole or not at all: another install may look meanwhile
    console.log(`→ Kept the compiled SQLite driver for the next install (${cached}).`);
  } catch (error) {
    console.log(`(The compiled SQLite driver was not kept for later installs: ${error.message})`);
  }
}

/** The file prebuild-install itself looks for, computed with its own code and settings. */
function cachedPrebuildPath(require, pkgDir) {
  const base = path.dirname(require.resolve("prebuild-install/package.json"));
  const util = require(path.join(base, "util.js"));
  const pkg = require(path.join(pkgDir, "package.json"));
  // rc.js reads the command line's flags: give it none of ours.
  const argv = process.argv;
  process.argv = argv.slice(0, 2);
  try {
    const rc = require(path.join(base, "rc.js"))(pkg);
    return util.cachedPrebuild(util.getDownloadUrl({ ...rc, pkg }));
  } finally {
    process.argv = argv;
  }
}
