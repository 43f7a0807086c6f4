#!/usr/bin/env bash
# packaging.deb: cpack -G DEB, then check the package as a user would get it: metadata validates,
# Depends are declared, and the unpacked executables run (CLI version, a conversion, the GUI).
set -euo pipefail
build=$1
fixtures=$2
work=$(mktemp -d "$build/tmp-deb-XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack failed"; }
deb=$(ls "$work"/out/mindbridge_*.deb)
echo "built $(basename "$deb") ($(stat -c %s "$deb") bytes)"

depends=$(dpkg-deb -f "$deb" Depends)
for pkg in libqt6widgets6 libqcustomplot2.1-qt6 libprotobuf32 libonnx1 libopenblas0; do
  [[ "$depends" == *"$pkg"* ]] || fail "Depends lacks $pkg: $depends"
done

root="$work/root"
dpkg-deb -x "$deb" "$root"
for f in usr/bin/mindbridge usr/bin/mindbridge-cli \
         usr/share/applications/io.github.mindbridge.MindBridge.desktop \
         usr/share/metainfo/io.github.mindbridge.MindBridge.metainfo.xml \
         usr/share/mime/packages/mindbridge.xml \
         usr/share/icons/hicolor/scalable/apps/io.github.mindbridge.MindBridge.svg \
         usr/share/icons/hicolor/256x256/apps/io.github.mindbridge.MindBridge.png \
         usr/share/man/man1/mindbridge-cli.1; do
  [[ -e "$root/$f" ]] || fail "package lacks /$f"
done
appstreamcli validate --no-net --pedantic "$root/usr/share/metainfo/io.github.mindbridge.MindBridge.metainfo.xml" \
  || fail "AppStream metainfo does not validate"
desktop-file-validate "$root/usr/share/applications/io.github.mindbridge.MindBridge.desktop" \
  || fail "desktop file does not validate"
grep -q "^\.SS convert" "$root/usr/share/man/man1/mindbridge-cli.1" || fail "man page lacks the convert command"

# The unpacked binaries must find their library through RPATH, not through the build tree.
cli="$root/usr/bin/mindbridge-cli"
lib=$(ldd "$cli" | awk '/libmbcore/ {print $3}')
[[ -n "$lib" && "$(realpath "$lib")" == "$(realpath "$root")"/usr/lib* ]] \
  || fail "mindbridge-cli does not load the packaged libmbcore: ${lib:-not found}"
"$cli" --version | grep -q "mindbridge-cli" || fail "--version"
out="$work/converted"
"$cli" convert --model_file "$fixtures/models/tiny_cnn_op13_train.onnx" --output "$out" >/dev/null \
  || fail "convert from the package failed"
[[ -s "$out/tiny_cnn_op13_train.py" && -s "$out/tiny_cnn_op13_train.ckpt" ]] || fail "convert wrote no model.py/ckpt"
"$root/usr/bin/mindbridge" --version | grep -q "MindBridge" || fail "GUI --version"
# The packaged GUI opens a model offscreen and draws it (a PNG of the whole window, not a blank one).
shot="$work/window.png"
QT_QPA_PLATFORM=offscreen timeout 120 "$root/usr/bin/mindbridge" --screenshot "$shot" \
  "$fixtures/models/tiny_cnn_op13_train.onnx" || fail "the packaged GUI could not open a model"
[[ $(stat -c %s "$shot") -gt 20000 ]] || fail "the packaged GUI drew an empty window"
echo "packaging.deb: 1 passed, 0 failed"
