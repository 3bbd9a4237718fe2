"""The build pipeline: seeds/*.txt -> read -> extract -> resolve -> load -> build/kashmir.db."""
