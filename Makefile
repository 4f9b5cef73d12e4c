PY ?= python3
SHARED ?= ../shared
EXTRAS ?= dev,media,ocr,c2pa,server,postgres,ml,spark,stream,report,semantic,claims
export QINGLANG_SHARED := $(abspath $(SHARED))

.PHONY: install system demo test test-fast lint tables bench bench-service bench-ocr bench-models eval train train-campaign train-recall train-title-pair train-source-reading devsets

install:
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[$(EXTRAS)]'

system:
	tools/setup_system.sh

# The main job: scan the bundled sample into a SQLite store, then serve the API and the reviewer console.
demo: system install
	qinglang demo --db sqlite:///qinglang-demo.db

# The whole suite on two pytest-xdist workers (each gets its own database in the throwaway PostgreSQL on loopback,
# started when the server is installed; tests/conftest.py).
test: system install
	@set -e; if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  eval "$$(tools/pg_test_server.sh start)"; trap 'tools/pg_test_server.sh stop' EXIT; \
	fi; HYPOTHESIS_PROFILE=ci $(PY) -m pytest -p no:cacheprovider -rs -n 2 --dist loadgroup

test-fast: install
	$(PY) -m pytest -x -q -rs tests/text tests/lexicon tests/engine tests/cli

lint:
	ruff check .

# Rebuild the shipped tables, third-party lexicons, the common-Latin and cloak-word tables from ../shared/data (deterministic).
tables:
	$(PY) tools/build_tables.py
	$(PY) tools/build_lexicons.py
	$(PY) tools/build_common_latin.py
	$(PY) tools/build_cloak_table.py

bench: install
	$(PY) benchmarks/throughput.py --markdown

bench-service: install
	$(PY) benchmarks/service.py

bench-ocr: install
	$(PY) benchmarks/ocr.py --runs 5

bench-models: install
	$(PY) benchmarks/models.py

# Retrain the shipped text models from ../shared/data (fixed seeds; data hashes recorded in the model JSON).
train: install
	$(PY) tools/train_models.py --c 8
	$(PY) tools/train_models.py tox-gate
	$(PY) tools/train_campaign_models.py --report docs/campaign_models.json

# Retrain the campaign label heads alone (deterministic; cross-writer figures in docs/campaign_models.json).
train-campaign: install
	$(PY) tools/train_campaign_models.py --report docs/campaign_models.json

# Retrain the recall heads (qinglang/models/data/recall.*; leave-one-set-out figures in its JSON; docs/models.md).
# Session 17's recipe (learn17): the refit pulled toward the heads it replaces (read from git at RECALL_INCUMBENT),
# their floors held; the left-out heads of the new sets choose which heads ship. Session 18 (learn18): the eight sets
# added since the start tree 2bdd1a4, pull 0.3 (chosen on the tune half: the refit and 0.3 gain alike, the refit
# loses a row the start heads caught, 0.3 none; docs/models.md "Session 18 (learn18)").
# Session 19 (learn19): the ten sets added since session 18's heads (unseen16, S19, t31 and the training writers S21,
# S22, t33, t34 tune; unseen17, S20, t32 report), the incumbent the start tree 145911f's heads; the pull's weight chosen
# on the tune half again (docs/models.md "Session 19 (learn19)").
# Session 20 (learn20): the six sets added since session 19's heads (unseen18, S23, t35 tune; unseen19, S24, t36
# report), the incumbent the start tree 0163b71's heads (docs/models.md "Session 20 (learn20)").
# Session 21 (learn21): the six sets added since session 20's heads (unseen20, S25, t37 tune; unseen21, S26, t38
# report), the incumbent the start tree 9e14bef's heads (docs/models.md "Session 21 (learn21)").
# Session 22 (learn22): the six sets added since session 21's heads (unseen22, S27, t39 tune; unseen23, S28, t40
# report), the incumbent the start tree b059e0c's heads (docs/models.md "Session 22 (learn22)"). RECALL_HARD: the
# weight of a writer's hard negative in the fit (1: the recipe; 3 measured in sessions 21 and 22, a tie on the tune half).
# Session 23 (learn23): the six sets added since session 22's heads (unseen24, S29, t41 tune; unseen25, S30, t42
# report), the incumbent the start tree e2c61ab's heads (docs/models.md "Session 23 (learn23)"). The ship step holds
# every floor 0.01 above the heads' highest score on the innocent anchors (tools/recall_anchors.yaml: sentences written
# for it and the suite's spared ones, re-harvested first, so the retrain reads the suite as it stands). RECALL_SHRINK
# 0.7: the refit pulled toward the start heads (tune half: the refit 439 caught against 440 for the pulls 0.3-0.7).
RECALL_INCUMBENT ?= e2c61ab
RECALL_SETS ?= unseen24,S29,t41,unseen25,S30,t42
RECALL_SHRINK ?= 0.7
RECALL_HARD ?= 1
RECALL_TMP ?= build/recall
train-recall: install
	mkdir -p $(RECALL_TMP)/old
	$(PY) tools/recall_anchors.py --write
	git show $(RECALL_INCUMBENT):qinglang/models/data/recall.json > $(RECALL_TMP)/old/recall.json
	git show $(RECALL_INCUMBENT):qinglang/models/data/recall.npz > $(RECALL_TMP)/old/recall.npz
	$(PY) tools/train_recall_heads.py --no-save --cache $(RECALL_TMP)/C.pkl --oof $(RECALL_TMP)/O.pkl \
	    --incumbent $(RECALL_TMP)/old/recall.json --shrink-grid $(RECALL_SHRINK) --only-sets $(RECALL_SETS) \
	    --hard-weight $(RECALL_HARD)
	$(PY) tools/train_recall_heads.py --cache $(RECALL_TMP)/C.pkl --oof-in $(RECALL_TMP)/O-shrink$(RECALL_SHRINK).pkl \
	    --only-sets $(RECALL_SETS) --hold-floors \
	    --candidates clickbait=0.85,drainage=0.97,grooming=0.93,minors_harm=0.95 --shrink $(RECALL_SHRINK) \
	    --incumbent $(RECALL_TMP)/old/recall.json --report $(RECALL_TMP)/R.json --hard-weight $(RECALL_HARD)

# Regenerate the project's own development sets (deterministic seeds).
devsets: install
	$(PY) tools/gen_drainage_devset.py
	$(PY) tools/make_devsets.py

# Accuracy figures written to docs/accuracy.md (see that page for what each command measures).
eval: install
	qinglang eval $(SHARED)/data/cold/dev.jsonl --label abuse --label antagonism --cloak --detectors tools/lexicon_only.yaml
	qinglang eval $(SHARED)/data/cold/dev.jsonl --label abuse
	$(PY) tools/eval_drainage.py

# The title-pair model (news22): a title read against its body for `clickbait`, trained on the writer sets' titled rows
# (the rule branches' report half never read). CACHE: a writer-set recording of the engine without the tier (its
# figures beside the engine go into the json; without it the json lacks them).
TITLE_PAIR_ENGINE ?=
train-title-pair: install
	$(PY) tools/train_title_pair.py $(if $(TITLE_PAIR_ENGINE),--engine $(TITLE_PAIR_ENGINE))

# The source-reading model (news23): who tells a current-affairs claim and how, for `source_missing`, trained on the
# writer sets' topical rows (the rule branches' report half never read nor trained on)
train-source-reading: install
	$(PY) tools/train_source_reading.py
