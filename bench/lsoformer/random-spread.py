# Why the recipe search does or does not beat random search with the same K ABC runs: per held-out
# design, the fraction of the data set's 200 random recipes (same AIG, same ABC) whose final AND count
# is below (and equal to) the search's result, and the spread of the final AND counts over them.
# Beating the best of K random recipes needs a result in the top ~1/(K+1) of that distribution.
# Usage: /usr/bin/python3 bench/lsoformer/random-spread.py SEARCH.json [DATA]
# (SEARCH.json from `tessera recipe search --held-out --json`).
import json, sys
search = json.load(open(sys.argv[1]))
finals = {}
for line in open(sys.argv[2] if len(sys.argv) > 2 else 'out/lso/recipes200.jsonl'):
    r = json.loads(line)
    if r.get('status') == 'ok' and r.get('trajectories'):
        finals[r['id']] = sorted(t['steps'][-1]['nodes'] for t in r['trajectories'])
print('| design | search | random recipes below it | equal to it | min | 5th pct | median | max | (max - min) / median | P(search beats best of K) |')
print('|---|---|---|---|---|---|---|---|---|---|')
for x in search['results']:
    v = finals[x['id']]
    n, b = len(v), x['best']['nodes']
    below = sum(q < b for q in v) / n
    equal = sum(q == b for q in v) / n
    odds = x.get('randomOdds') or {}
    p = f"{odds['pBetter']:.2f}" if 'pBetter' in odds else '-'
    print(f"| {x['id']} | {b} | {below:.1%} | {equal:.1%} | {v[0]} | {v[n // 20]} | {v[n // 2]} | {v[-1]} | {(v[-1] - v[0]) / v[n // 2]:.1%} | {p} |")
print(f"expected win rate over random search's draws: {search.get('expectedWinRateVsRandom')}")
