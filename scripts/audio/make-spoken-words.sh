#!/usr/bin/env bash
# Spoken-word clips for the audio tests and benchmarks, made with espeak-ng (Debian package espeak-ng).
#
#   scripts/audio/make-spoken-words.sh OUT [SEED] [REPEATS]
#
# Every word of WORDS is spoken REPEATS times (default 8) by every voice of VOICES (espeak-ng's English voice with
# one of its variants m1..m7, f1..f4, ...), each time at a speed drawn from 130..190 words per minute and a pitch
# from 35..65 (espeak-ng's 0..99 scale), drawn from a generator seeded with SEED (default 0): the same seed makes
# the same clips. espeak-ng writes 22050 Hz 16-bit mono WAV files. Each clip is filed twice, under the same name
# (hard links), so that one folder layout labels it by word and the other by voice:
#
#   OUT/by-word/<word>/<word>_<voice>_<n>.wav     one sub-folder per word (class = word)
#   OUT/by-voice/<voice>/<word>_<voice>_<n>.wav   one sub-folder per voice (class = speaker)
#
# `contrastive train --data OUT/by-voice ...` then holds out the same clips as `--data OUT/by-word` (the audio split
# is a hash of the file name), so one run can be evaluated for both. WORDS and VOICES may be overridden from the
# environment (space-separated).
set -euo pipefail
out=${1:?usage: make-spoken-words.sh OUT [SEED] [REPEATS]}
seed=${2:-0}
repeats=${3:-8}
words=${WORDS:-"yes no up down left right on off stop go"}
voices=${VOICES:-"m1 m2 m3 m4 m7 f1 f2 f3 f4 f5"}
command -v espeak-ng >/dev/null || { echo "make-spoken-words.sh: espeak-ng not found (apt-get install espeak-ng)" >&2; exit 1; }
RANDOM=$seed
count=0
for word in $words; do
  for voice in $voices; do
    mkdir -p "$out/by-word/$word" "$out/by-voice/$voice"
    for n in $(seq -w 1 "$repeats"); do
      speed=$((130 + RANDOM % 61))
      pitch=$((35 + RANDOM % 31))
      name="${word}_${voice}_${n}.wav"
      espeak-ng -v "en+$voice" -s "$speed" -p "$pitch" -w "$out/by-word/$word/$name" "$word"
      ln -f "$out/by-word/$word/$name" "$out/by-voice/$voice/$name"
      count=$((count + 1))
    done
  done
done
echo "wrote $count clips to $out/by-word and $out/by-voice"
