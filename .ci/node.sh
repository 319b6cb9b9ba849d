# Sourced by .ci/run (and usable by developers): puts Node >= 22 first on PATH.
# The project targets Node 22+; where the system Node is older, Node 24 comes from the npm
# registry's `node` package (it ships the binary) into .ci/.node (git-ignored).
_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "${_major}" -lt 22 ]; then
  _dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.node"
  if [ ! -x "${_dir}/node_modules/.bin/node" ]; then
    mkdir -p "${_dir}"
    npm install --prefix "${_dir}" --no-save --no-package-lock --loglevel=error node@24 >&2
  fi
  # npm's bin wrapper resolves to the real binary; put the real binary's dir first so child
  # processes (vitest workers, tsx, the worker CLI) get the same Node.
  _bin=$(dirname "$(readlink -f "${_dir}/node_modules/.bin/node")")
  export PATH="${_bin}:${PATH}"
fi
unset _major _dir _bin
