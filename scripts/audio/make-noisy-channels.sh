#!/usr/bin/env bash
# A harder copy of a spoken-word set (scripts/audio/make-spoken-words.sh): every clip passes through its own seeded
# recording channel with sox (Debian package sox), the conditions speaker recognition meets in practice.
#
#   scripts/audio/make-noisy-channels.sh IN OUT [SEED]
#
# Per clip, drawn from a generator seeded with SEED (default 0): a band limit (high-pass at 80..400 Hz, low-pass at
# 2.5..6 kHz), a peaking equaliser (centre 300..3000 Hz, -12..+12 dB, one octave wide), room reverberation
# (reverberance 0..70%), added white noise (amplitude 0.002..0.03 of full scale, about 15 to 40 dB below the
# speech) and a gain of -6..0 dB. The channel is independent of the voice and the word, so the per-clip spectral
# envelope (what MFCC means measure) now mixes speaker and channel. The clips keep their names and are filed as IN:
#
#   OUT/by-word/<word>/<name>.wav and OUT/by-voice/<voice>/<name>.wav   (hard links of one file)
#
# so the audio split (a hash of the file name) holds out the same clips as in IN.
set -euo pipefail
in=${1:?usage: make-noisy-channels.sh IN OUT [SEED]}
out=${2:?usage: make-noisy-channels.sh IN OUT [SEED]}
seed=${3:-0}
command -v sox >/dev/null || { echo "make-noisy-channels.sh: sox not found (apt-get install sox)" >&2; exit 1; }
[ -d "$in/by-voice" ] || { echo "make-noisy-channels.sh: $in/by-voice not found (make it with make-spoken-words.sh)" >&2; exit 1; }
RANDOM=$seed
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
count=0
# sorted, so that the same seed gives every clip the same channel on any machine
while IFS= read -r clip; do
  voice=$(basename "$(dirname "$clip")")
  name=$(basename "$clip")
  word=${name%%_*}
  highpass=$((80 + RANDOM % 321))
  lowpass=$((2500 + RANDOM % 3501))
  centre=$((300 + RANDOM % 2701))
  eq_gain=$((RANDOM % 25 - 12))
  reverb=$((RANDOM % 71))
  noise=$(printf '0.%04d' $((20 + RANDOM % 281)))
  gain=$((RANDOM % 7 - 6))
  duration=$(soxi -D "$clip")
  rate=$(soxi -r "$clip")
  sox "$clip" "$tmp/channel.wav" gain -8 highpass "$highpass" lowpass "$lowpass" equalizer "$centre" 1o "$eq_gain" reverb "$reverb" gain -n -3
  sox -n -r "$rate" -c 1 -b 16 "$tmp/noise.wav" synth "$duration" whitenoise vol "$noise"
  mkdir -p "$out/by-word/$word" "$out/by-voice/$voice"
  sox -m "$tmp/channel.wav" "$tmp/noise.wav" -b 16 "$out/by-voice/$voice/$name" gain "$gain" trim 0 "$duration"
  ln -f "$out/by-voice/$voice/$name" "$out/by-word/$word/$name"
  count=$((count + 1))
done < <(find "$in/by-voice" -name '*.wav' | sort)
echo "wrote $count clips to $out/by-voice and $out/by-word"
