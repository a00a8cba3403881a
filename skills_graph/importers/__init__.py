"""Importers of public taxonomies and organisations' own exports (O*NET, ESCO, course
catalogues, HRIS employee lists). Each validates everything first, then writes in bulk inside
the caller's transaction, upserting by key so a second import of the same file changes nothing.
"""
