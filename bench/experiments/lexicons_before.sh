#!/bin/bash
# For measure_model --before: every English dev batch as matched by the lexicon of the commit
# that added (labelled) the batch, i.e. before any lexicon round was tuned on it. Writes
# OUT/<batch>.json (symlinks to OUT/<commit>.json). About a minute per commit, 17 commits.
#   bench/experiments/lexicons_before.sh [OUT]      (default /tmp/lexicons-before)
# The older registries lack files today's loader requires: today's translations.yaml, cues.yaml and
# stance_cues.yaml are added (no old term names a cue list; translations are display names;
# stance cues serve positions only), and actors listed twice are merged as the loader of then did.
set -u
OUT=${1:-/tmp/lexicons-before}
cd "$(dirname "$0")/../.."
export DJANGO_DEBUG=1 OMP_NUM_THREADS=1
mkdir -p "$OUT"
rm -f "$OUT/empty.sqlite3"
DATABASE_URL="sqlite:///$OUT/empty.sqlite3" .venv/bin/python manage.py migrate -v0
for file in fixtures/eval/en/*.yaml; do
  batch=$(basename "$file" .yaml)
  case $batch in
    # x and y were labelled as another branch's m and n (f72c534, 12d40d5), then renamed
    x) commit=f72c534 ;;
    y) commit=12d40d5 ;;
    *) commit=$(git log --diff-filter=A --format=%h -- "$file" | tail -n 1) ;;
  esac
  dir="$OUT/reg-$commit"
  if [ ! -f "$OUT/$commit.json" ]; then
    rm -rf "$dir" && mkdir -p "$dir" && git archive "$commit" fixtures/registry | tar -x -C "$dir"
    for f in translations.yaml cues.yaml stance_cues.yaml; do
      [ -f "$dir/fixtures/registry/$f" ] || cp "fixtures/registry/$f" "$dir/fixtures/registry/$f"
    done
    # Older actors.yaml listed some actors twice, which the loader of then merged (first name,
    # both entries' terms) and today's refuses (3d0606a): merge them here as it did.
    .venv/bin/python bench/experiments/merge_actors.py "$dir/fixtures/registry/actors.yaml"
    cp "$OUT/empty.sqlite3" "$OUT/$commit.sqlite3"
    export DATABASE_URL="sqlite:///$OUT/$commit.sqlite3"
    .venv/bin/python manage.py load_registry "$dir/fixtures/registry" > "$OUT/$commit.log" 2>&1 &&
      .venv/bin/python -m bench.experiments.measure_model --dump-found "$OUT/$commit.json" \
        >> "$OUT/$commit.log" 2>&1 || { echo "$batch $commit FAILED (see $OUT/$commit.log)"; continue; }
  fi
  ln -sf "$commit.json" "$OUT/$batch.json"
  echo "$batch $commit"
done
