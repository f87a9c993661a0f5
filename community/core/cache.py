"""Django's Redis cache, made to degrade instead of fail: when Redis cannot be reached, reads miss and writes
are dropped (with a warning), so pages still render from the database and throttles let writes through."""

import logging

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)
DOWN = (RedisConnectionError, RedisTimeoutError, ConnectionError, TimeoutError, OSError)


def _warn(operation: str, exc: Exception) -> None:
    logger.warning("cache %s skipped, Redis unreachable: %s", operation, exc)


class ResilientRedisCache(RedisCache):
    def get(self, key, default=None, version=None):
        try:
            return super().get(key, default, version)
        except DOWN as exc:
            _warn("get", exc)
            return default

    def get_many(self, keys, version=None):
        try:
            return super().get_many(keys, version)
        except DOWN as exc:
            _warn("get_many", exc)
            return {}

    def set(self, key, value, timeout=None, version=None):
        try:
            super().set(key, value, timeout, version)
        except DOWN as exc:
            _warn("set", exc)

    def add(self, key, value, timeout=None, version=None):
        try:
            return super().add(key, value, timeout, version)
        except DOWN as exc:
            _warn("add", exc)
            return False

    def incr(self, key, delta=1, version=None):
        try:
            return super().incr(key, delta, version)
        except DOWN as exc:
            _warn("incr", exc)
            raise ValueError("cache unreachable") from None  # callers treat it as a missing key

    def delete(self, key, version=None):
        try:
            return super().delete(key, version)
        except DOWN as exc:
            _warn("delete", exc)
            return False
