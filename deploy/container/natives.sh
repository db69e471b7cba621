#!/bin/bash
# Lays out the native libraries DJL loads, at image build time, so that the server never extracts or
# downloads one at run time (read-only root file system, no network, any user):
#
#   OUT/libtorch/                    libtorch of FLAVOR and DJL's JNI for it   -> PYTORCH_LIBRARY_PATH
#   OUT/tokenizers/libtokenizers.so  Hugging Face tokenizers (Rust)            -> RUST_LIBRARY_PATH
#
# usage: natives.sh LIB_DIR OUT_DIR FLAVOR [DJL_PUBLISH_URL]
#   LIB_DIR  the Maven build's target/lib (pytorch-jni-<pytorch>-<djl>.jar, tokenizers-<djl>.jar, and
#            for FLAVOR cpu pytorch-native-cpu-<pytorch>-linux-x86_64.jar)
#   FLAVOR   cpu: libtorch from DJL's pytorch-native-cpu jar in LIB_DIR;
#            cuNNN (cu128 for PyTorch 2.7.1): DJL's CUDA libtorch from its distribution,
#            DJL_PUBLISH_URL/pytorch/<pytorch>/files.txt (default https://publish.djl.ai), the files DJL
#            itself downloads when no native jar is bundled (pytorch-native-cu128 is not on Maven
#            Central). Either way the JNI comes from pytorch-jni, which holds one per flavor.
# The server then runs with PYTORCH_LIBRARY_PATH=OUT/libtorch, PYTORCH_VERSION=<pytorch>,
# PYTORCH_FLAVOR=FLAVOR and RUST_LIBRARY_PATH=OUT/tokenizers/libtokenizers.so.
set -euo pipefail

if [ $# -lt 3 ]; then
  echo "usage: $0 LIB_DIR OUT_DIR FLAVOR [DJL_PUBLISH_URL]" >&2
  exit 2
fi
lib=$1 out=$2 flavor=$3 publish=${4:-https://publish.djl.ai}
classifier=linux-x86_64

# Entries out of a jar: with unzip, else with the JDK's jar tool.
extract_file() { # JAR ENTRY DEST
  if command -v unzip >/dev/null; then
    unzip -p "$1" "$2" > "$3"
  else
    local d
    d=$(mktemp -d)
    (cd "$d" && jar xf "$1" "$2") && [ -f "$d/$2" ] && mv "$d/$2" "$3"
    local rc=$?
    rm -rf "$d"
    return $rc
  fi
}
extract_dir() { # JAR FOLDER DEST: the files directly in FOLDER
  if command -v unzip >/dev/null; then
    unzip -q -o -j "$1" "$2/*" -d "$3"
  else
    local d
    d=$(mktemp -d)
    (cd "$d" && jar xf "$1" "$2") && find "$d/$2" -maxdepth 1 -type f -exec mv {} "$3" \;
    local rc=$?
    rm -rf "$d"
    return $rc
  fi
}

one() { # the single file matching a glob, or an error naming it
  local matches=( $1 )
  if [ ${#matches[@]} -ne 1 ] || [ ! -f "${matches[0]}" ]; then
    echo "natives.sh: expected exactly one $1" >&2
    exit 1
  fi
  echo "${matches[0]}"
}

jni_jar=$(one "$lib/pytorch-jni-*.jar")
versions=${jni_jar##*/pytorch-jni-}
versions=${versions%.jar}            # 2.7.1-0.36.0
pytorch_version=${versions%-*}
tokenizers_jar=$(one "$lib/tokenizers-*.jar")

mkdir -p "$out/libtorch" "$out/tokenizers"
case "$flavor" in
  cpu)
    native_jar=$(one "$lib/pytorch-native-cpu-*-$classifier.jar")
    extract_dir "$(realpath "$native_jar")" "pytorch/cpu/$classifier" "$out/libtorch"
    ;;
  cu[0-9][0-9][0-9])
    base="$publish/pytorch/$pytorch_version"
    files=$(curl -fsSL "$base/files.txt" | grep "^$flavor/$classifier/native/lib/" || true)
    if [ -z "$files" ]; then
      echo "natives.sh: $base/files.txt lists no $flavor/$classifier libraries" >&2
      exit 1
    fi
    for f in $files; do
      name=${f##*/}
      name=${name%.gz}
      name=$(printf '%b' "$(printf '%s' "$name" | sed 's/+/ /g; s/%\([0-9A-Fa-f][0-9A-Fa-f]\)/\\x\1/g')")
      echo "natives.sh: $base/$f"
      curl -fsSL "$base/$f" | gunzip > "$out/libtorch/$name"
    done
    ;;
  *)
    echo "natives.sh: unknown flavor '$flavor' (cpu or cuNNN)" >&2
    exit 2
    ;;
esac

if ! extract_file "$(realpath "$jni_jar")" "jnilib/$classifier/$flavor/libdjl_torch.so" "$out/libtorch/libdjl_torch.so"; then
  echo "natives.sh: $jni_jar has no JNI for $flavor/$classifier" >&2
  exit 1
fi
extract_file "$(realpath "$tokenizers_jar")" "native/lib/$classifier/cpu/libtokenizers.so" "$out/tokenizers/libtokenizers.so"

if [ ! -s "$out/libtorch/libtorch.so" ]; then
  echo "natives.sh: no libtorch.so in $out/libtorch" >&2
  exit 1
fi
chmod -R a+rX "$out"
echo "natives.sh: PyTorch $pytorch_version $flavor ($versions) in $out"
