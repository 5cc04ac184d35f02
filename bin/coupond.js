#!/usr/bin/env -S node --max-semi-space-size=4 --max-old-space-size=1024
import '../dist/cli/main.js';
