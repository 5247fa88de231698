"""The anonymous API throttle. DRF's keeps a list of request times per client in the cache and
reads it and writes it back on every request: two round trips to Redis, or with the database
cache four statements, a savepoint and a commit that waits for the disk. With Redis this one
counts requests per client in fixed windows of the rate's period — INCR and EXPIRE sent
together, one round trip — and allows `num` a window (a client may fit up to twice that into
one period across a window's edge: the usual price of a counter). With any other cache it is
DRF's own. Redis out of reach lets the request through (logged): the throttle guards the
service, it must not take it down."""

import logging
import time

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache import cache as default_cache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError
from rest_framework import throttling

log = logging.getLogger(__name__)


class AnonRateThrottle(throttling.AnonRateThrottle):
    def allow_request(self, request, view):
        # DRF's cache is django.core.cache.cache, a proxy: the backend is behind it.
        cache = caches[DEFAULT_CACHE_ALIAS] if self.cache is default_cache else self.cache
        if self.rate is None or not isinstance(cache, RedisCache):
            return super().allow_request(request, view)
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        key = cache.make_and_validate_key(f"{self.key}:{window}")
        try:
            client = cache._cache.get_client(key, write=True)
            with client.pipeline(transaction=False) as pipe:
                pipe.incr(key)
                pipe.expire(key, self.duration + 1)
                count, _ = pipe.execute()
        except RedisError as error:
            log.warning("API throttle: Redis out of reach (%s); request let through", error)
            return True
        self.window_ends = (window + 1) * self.duration
        return count <= self.num_requests

    def wait(self):
        ends = getattr(self, "window_ends", None)
        if ends is None:
            return super().wait()
        return max(0.0, ends - time.time())
