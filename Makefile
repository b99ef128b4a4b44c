# The two commands the README starts with, and a few helpers.
.PHONY: site test build release check clean

STORE ?= trace.sqlite
OUT ?= _site
BATCHES ?= 60

## Build the demo store and render the demo site into _site/.
site:
	scripts/install-deps
	swift build -c release --product tracepress
	.build/release/tracepress demo --store $(STORE) --batches $(BATCHES)
	.build/release/tracepress build --store $(STORE) --out $(OUT)

## Run the whole test suite (installs zbarimg, rsvg-convert and chromium first).
test:
	scripts/install-deps --test
	swift test

## Validate the store.
check:
	.build/release/tracepress check --store $(STORE)

build:
	swift build

release:
	swift build -c release --product tracepress

clean:
	rm -rf .build $(OUT) $(STORE)
