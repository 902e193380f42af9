package com.penguinmails.hub.monitoring.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.penguinmails.hub.platform.web.ApiProblem;

/**
 * Performance trends as time series: the range is cut into buckets aligned on whole multiples of the
 * bucket size since the epoch (so the same bucket always covers the same minutes), the last bucket
 * holding "now"; every bucket is present, empty ones with zero throughput and no response time or
 * error rate. A pure function of the stored per-minute counts.
 */
final class TrendBuckets {

    private static final Pattern DURATION = Pattern.compile("([1-9][0-9]{0,5})([mhd])");
    static final Duration MIN_BUCKET = Duration.ofMinutes(1);
    static final Duration MAX_BUCKET = Duration.ofDays(1);

    private TrendBuckets() {
    }

    /** The buckets [from, to) of a trend. */
    record Window(Instant from, Instant to, Duration bucket) {

        int size() {
            return (int) (Duration.between(from, to).toSeconds() / bucket.toSeconds());
        }
    }

    /** One bucket: its start, calls, calls per minute, and (when there were calls) error rate and average response time. */
    record Point(Instant t, long requests, double throughput, Double errorRate, Double responseTimeMs) {
    }

    /** {@code 15m}, {@code 1h}, {@code 7d}: minutes, hours or days. */
    static Duration parse(String text) {
        Matcher m = text == null ? null : DURATION.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("must be a number followed by m, h or d (e.g. 15m, 1h, 7d)");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /**
     * The window for {@code range} and {@code bucket} ending with the bucket that holds {@code now};
     * refused as a 400 naming the bad parameter when either is unreadable or out of bounds.
     */
    static Window window(Instant now, String rangeText, String bucketText, Duration maxRange, int maxPoints) {
        List<ApiProblem.FieldProblem> problems = new ArrayList<>();
        Duration range = null;
        Duration bucket = null;
        try {
            range = parse(rangeText);
        } catch (IllegalArgumentException e) {
            problems.add(new ApiProblem.FieldProblem("range", e.getMessage()));
        }
        try {
            bucket = parse(bucketText);
            if (bucket.compareTo(MIN_BUCKET) < 0 || bucket.compareTo(MAX_BUCKET) > 0) {
                problems.add(new ApiProblem.FieldProblem("bucket", "must be between 1m and 1d"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(new ApiProblem.FieldProblem("bucket", e.getMessage()));
        }
        if (range != null && range.compareTo(maxRange) > 0) {
            problems.add(new ApiProblem.FieldProblem("range", "must be at most " + format(maxRange)));
        }
        if (range != null && bucket != null && problems.isEmpty()) {
            if (range.compareTo(bucket) < 0) {
                problems.add(new ApiProblem.FieldProblem("bucket", "must not be longer than the range"));
            } else if (ceilDiv(range.toSeconds(), bucket.toSeconds()) > maxPoints) {
                problems.add(new ApiProblem.FieldProblem("bucket", "gives more than " + maxPoints
                        + " points over the range; choose a larger bucket"));
            }
        }
        if (!problems.isEmpty()) {
            throw ApiProblem.invalidFields(problems);
        }
        return window(now, range, bucket);
    }

    static Window window(Instant now, Duration range, Duration bucket) {
        long size = bucket.toSeconds();
        long to = Math.floorDiv(now.getEpochSecond(), size) * size + size;
        long count = ceilDiv(range.toSeconds(), size);
        return new Window(Instant.ofEpochSecond(to - count * size), Instant.ofEpochSecond(to), bucket);
    }

    /** Every bucket of the window, filled from the sums per bucket start (missing ones are empty). */
    static List<Point> fill(Window window, List<TrafficCounts.Bucket> rows) {
        Map<Instant, TrafficCounts.Bucket> byStart = new HashMap<>();
        rows.forEach(row -> byStart.put(row.start(), row));
        double minutes = window.bucket().toSeconds() / 60.0;
        List<Point> points = new ArrayList<>(window.size());
        for (Instant t = window.from(); t.isBefore(window.to()); t = t.plus(window.bucket())) {
            TrafficCounts.Bucket row = byStart.get(t);
            if (row == null || row.requests() == 0) {
                points.add(new Point(t, 0, 0, null, null));
            } else {
                points.add(new Point(t, row.requests(), row.requests() / minutes,
                        (double) row.failures() / row.requests(), (double) row.totalMs() / row.requests()));
            }
        }
        return points;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }

    private static String format(Duration d) {
        return d.toDays() > 0 && d.toHours() % 24 == 0 ? d.toDays() + "d" : d.toHours() > 0 ? d.toHours() + "h"
                : d.toMinutes() + "m";
    }
}
