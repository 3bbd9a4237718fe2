"""The dataset's code. Read the folders in the order the data flows:

    build.py           the entry point: runs the pipeline's stages, in order, into one database
    pipeline/          the stages: read -> extract -> resolve -> load -> release
    curated/           readers of the curated files in seeds/ (documents, register, places,
                       corrections, redactions, assertions), each validated by its schema
    common/            helpers every stage uses: spans of text, stable ids, errors, paths, timings
    export/            what is made from a built database: CSV files, FollowTheMoney entities
    serve/             how the database is served: Datasette's settings, a local server
    tools/             not the build: benchmarks, the load test, the corpus generator
"""
