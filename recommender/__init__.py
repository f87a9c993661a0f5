"""The embedding engine: the model, stored vectors by (kind, id), and exact vector search.

It knows nothing of the community apps; they hand it (id, text) pairs of their own kind.
"""
