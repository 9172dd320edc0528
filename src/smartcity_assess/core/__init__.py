"""The core: criteria, scoring, ranking, sensitivity, explain, compare.

Pure computations over models: no files, no printing.
"""
