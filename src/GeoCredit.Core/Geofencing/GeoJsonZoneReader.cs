using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace GeoCredit.Core.Geofencing;

/// <summary>A feature that could not be loaded, by its position in the collection.</summary>
/// <param name="FeatureIndex">The feature's index in <c>features</c>; -1 for the document as a whole.</param>
/// <param name="ZoneId">The zone id, when the feature got as far as naming one.</param>
/// <param name="Message">What is wrong, in words an administrator can act on.</param>
public sealed record ZoneLoadError(int FeatureIndex, string? ZoneId, string Message);

/// <summary>Something changed while loading a feature that still loaded, such as a repaired geometry.</summary>
public sealed record ZoneLoadWarning(int FeatureIndex, string ZoneId, string Message);

/// <summary>The zones that loaded, and what went wrong with the others.</summary>
public sealed record ZoneLoadResult(
    IReadOnlyList<Zone> Zones, IReadOnlyList<ZoneLoadError> Errors, IReadOnlyList<ZoneLoadWarning> Warnings);

/// <summary>
/// Reads zones from a GeoJSON FeatureCollection (RFC 7946). Each feature's properties carry <c>id</c> (or the
/// feature's own <c>id</c>), <c>name</c>, <c>kind</c> in snake_case (<c>no_parking</c>), and optionally
/// <c>capacity</c>, <c>speed_limit_kmh</c>, <c>owner_team</c>, <c>version</c> and <c>time_windows</c>
/// (<c>[{"days": ["mon", "fri"], "from": "07:00", "to": "09:30"}]</c>, days optional). A Polygon or MultiPolygon
/// is the zone's area; a Point needs <c>radius_m</c> and becomes a circle; a LineString needs <c>width_m</c> and
/// becomes a corridor. Other properties are kept as text. A bad feature gives an error with its index and the
/// others still load; nothing here throws on bad input. Thread-safe.
/// </summary>
public static class GeoJsonZoneReader
{
    private static readonly HashSet<string> KnownProperties = new(StringComparer.Ordinal)
    {
        "id", "name", "kind", "capacity", "speed_limit_kmh", "owner_team", "time_windows", "radius_m", "width_m",
        "version",
    };

    public static ZoneLoadResult Read(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true });
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            return Failed($"The document is not JSON: {exception.Message}");
        }
    }

    public static ZoneLoadResult Read(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, new JsonDocumentOptions { AllowTrailingCommas = true });
            return Read(document.RootElement);
        }
        catch (JsonException exception)
        {
            return Failed($"The document is not JSON: {exception.Message}");
        }
    }

    public static ZoneLoadResult Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.String
            || type.GetString() != "FeatureCollection")
        {
            return Failed("The document is not a GeoJSON FeatureCollection.");
        }

        if (!root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            return Failed("The FeatureCollection has no features array.");
        }

        var zones = new List<Zone>();
        var errors = new List<ZoneLoadError>();
        var warnings = new List<ZoneLoadWarning>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var feature in features.EnumerateArray())
        {
            var reader = new FeatureReader(index);
            var zone = ReadFeature(reader, feature);
            if (zone is not null && !seen.Add(zone.Id))
            {
                reader.Fail($"Zone id '{zone.Id}' was already used by an earlier feature.");
                zone = null;
            }

            if (zone is not null)
            {
                zones.Add(zone);
                warnings.AddRange(reader.Warnings.Select(w => new ZoneLoadWarning(index, zone.Id, w)));
            }
            else
            {
                errors.Add(new ZoneLoadError(index, reader.ZoneId, reader.Error ?? "The feature could not be read."));
            }

            index++;
        }

        return new ZoneLoadResult(zones, errors, warnings);
    }

    private static Zone? ReadFeature(FeatureReader reader, JsonElement feature)
    {
        try
        {
            return reader.Read(feature);
        }
        catch (Exception exception) when (exception is FormatException or InvalidOperationException
            or ArgumentException or TopologyException)
        {
            // A number too large for a double, or a shape NTS cannot build: this feature fails, the rest load.
            return reader.Fail($"The feature could not be read: {exception.Message}");
        }
    }

    private static ZoneLoadResult Failed(string message) => new([], [new ZoneLoadError(-1, null, message)], []);

    /// <summary>Reads one feature; the first problem found is its error.</summary>
    private sealed class FeatureReader(int index)
    {
        public string? ZoneId { get; private set; }

        public string? Error { get; private set; }

        public List<string> Warnings { get; } = [];

        public Zone? Fail(string message)
        {
            Error ??= message;
            return null;
        }

        public Zone? Read(JsonElement feature)
        {
            if (feature.ValueKind != JsonValueKind.Object || Text(feature, "type") != "Feature")
            {
                return Fail($"Feature {index} is not a GeoJSON Feature.");
            }

            if (!feature.TryGetProperty("properties", out var properties)
                || properties.ValueKind != JsonValueKind.Object)
            {
                return Fail("The feature has no properties object.");
            }

            ZoneId = Id(properties) ?? Id(feature);
            if (string.IsNullOrWhiteSpace(ZoneId))
            {
                return Fail("The feature has no id (properties.id or the feature's id).");
            }

            var kindText = Text(properties, "kind");
            if (kindText is null || !ZoneKinds.TryParse(kindText, out var kind))
            {
                var known = string.Join(", ", ZoneKinds.All.Select(k => k.ToWire()));
                return Fail($"Property 'kind' is '{kindText ?? "missing"}'; it must be one of {known}.");
            }

            var attributes = Attributes(properties);
            var version = Number(properties, "version") ?? 1;
            if (version < 1 || version != Math.Floor(version) || version > int.MaxValue)
            {
                return Fail($"Property 'version' must be a whole number of at least 1, not {version}.");
            }
            if (Error is not null || attributes is null)
            {
                return null;
            }

            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object)
            {
                return Fail("The feature has no geometry.");
            }

            var (result, shape) = Shape(geometry, properties);
            if (Error is not null)
            {
                return null;
            }

            if (!result!.Succeeded)
            {
                return Fail(result.Error);
            }

            Warnings.AddRange(result.Warnings);
            var name = Text(properties, "name") ?? ZoneId;
            return new Zone(ZoneId, name, kind, result.Geometry, attributes, (int)version, shape);
        }

        private (ZoneGeometryResult? Result, ZoneShape? Shape) Shape(JsonElement geometry, JsonElement properties)
        {
            if (!geometry.TryGetProperty("coordinates", out var coordinates))
            {
                Fail("The geometry has no coordinates.");
                return (null, null);
            }

            switch (Text(geometry, "type"))
            {
                case "Polygon":
                    return Polygon(coordinates, "Polygon") is { } polygon
                        ? (ZoneGeometry.Validate(polygon), new AreaShape())
                        : (null, null);

                case "MultiPolygon":
                    return MultiPolygon(coordinates) is { } multi
                        ? (ZoneGeometry.Validate(multi), new AreaShape())
                        : (null, null);

                case "Point":
                    var radius = Number(properties, "radius_m");
                    if (radius is null)
                    {
                        Fail("A Point zone needs a radius_m property.");
                        return (null, null);
                    }

                    if (Position(coordinates, "Point") is not { } centre)
                    {
                        return (null, null);
                    }

                    return (ZoneGeometry.Circle(centre.X, centre.Y, radius.Value),
                        new CircleShape(centre.X, centre.Y, radius.Value));

                case "LineString":
                    var width = Number(properties, "width_m");
                    if (width is null)
                    {
                        Fail("A LineString zone needs a width_m property.");
                        return (null, null);
                    }

                    if (Positions(coordinates, "LineString") is not { } line)
                    {
                        return (null, null);
                    }

                    var corridor = ZoneGeometry.Corridor(line, width.Value);
                    var drawn = corridor.Succeeded ? ZoneGeometry.Factory.CreateLineString([.. line]) : null;
                    return (corridor, drawn is null ? null : new CorridorShape(drawn, width.Value));

                case var other:
                    Fail($"Geometry type '{other ?? "missing"}' cannot be a zone: use Polygon, MultiPolygon, "
                        + "Point with radius_m, or LineString with width_m.");
                    return (null, null);
            }
        }

        private ZoneAttributes? Attributes(JsonElement properties)
        {
            var capacity = Number(properties, "capacity");
            if (capacity is { } c && (c < 0 || c != Math.Floor(c) || c > int.MaxValue))
            {
                Fail($"Property 'capacity' must be a whole number of at least 0, not {c}.");
                return null;
            }

            var speedLimit = Number(properties, "speed_limit_kmh");
            if (speedLimit is <= 0)
            {
                Fail($"Property 'speed_limit_kmh' must be more than 0, not {speedLimit}.");
                return null;
            }

            var windows = TimeWindows(properties);
            if (windows is null)
            {
                return null;
            }

            var extra = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in properties.EnumerateObject())
            {
                if (!KnownProperties.Contains(property.Name))
                {
                    extra[property.Name] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()!
                        : property.Value.GetRawText();
                }
            }

            return Error is null
                ? new ZoneAttributes((int?)capacity, speedLimit, Text(properties, "owner_team"), windows, extra)
                : null;
        }

        private List<ZoneTimeWindow>? TimeWindows(JsonElement properties)
        {
            var windows = new List<ZoneTimeWindow>();
            if (!properties.TryGetProperty("time_windows", out var array) || array.ValueKind == JsonValueKind.Null)
            {
                return windows;
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                Fail("Property 'time_windows' must be an array.");
                return null;
            }

            var w = 0;
            foreach (var window in array.EnumerateArray())
            {
                var from = window.ValueKind == JsonValueKind.Object ? Text(window, "from") : null;
                var to = window.ValueKind == JsonValueKind.Object ? Text(window, "to") : null;
                if (!TryParseTime(from, out var start) || !TryParseTime(to, out var end))
                {
                    Fail($"Time window {w} needs 'from' and 'to' as HH:mm.");
                    return null;
                }

                var days = WeekDays.All;
                if (window.TryGetProperty("days", out var dayList) && dayList.ValueKind == JsonValueKind.Array)
                {
                    days = WeekDays.None;
                    foreach (var day in dayList.EnumerateArray())
                    {
                        var flag = day.ValueKind == JsonValueKind.String ? Day(day.GetString()!) : WeekDays.None;
                        if (flag == WeekDays.None)
                        {
                            Fail($"Time window {w} has an unknown day {day.GetRawText()}: use mon, tue, ... sun.");
                            return null;
                        }

                        days |= flag;
                    }
                }

                windows.Add(new ZoneTimeWindow(days, start, end));
                w++;
            }

            return windows;
        }

        private Polygon? Polygon(JsonElement rings, string what)
        {
            if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
            {
                Fail($"The {what} needs at least one ring.");
                return null;
            }

            var linear = new List<LinearRing>();
            var r = 0;
            foreach (var ring in rings.EnumerateArray())
            {
                var positions = Positions(ring, $"ring {r} of the {what}");
                if (positions is null)
                {
                    return null;
                }

                // RFC 7946 wants rings closed; an open one is closed rather than refused.
                if (positions.Count > 0 && !positions[0].Equals2D(positions[^1]))
                {
                    positions.Add(positions[0].Copy());
                    Warnings.Add($"Ring {r} of the {what} was not closed; it was closed.");
                }

                if (positions.Count < 4)
                {
                    Fail($"Ring {r} of the {what} has {positions.Count} positions; a ring needs at least 4.");
                    return null;
                }

                linear.Add(ZoneGeometry.Factory.CreateLinearRing([.. positions]));
                r++;
            }

            return ZoneGeometry.Factory.CreatePolygon(linear[0], [.. linear.Skip(1)]);
        }

        private MultiPolygon? MultiPolygon(JsonElement polygons)
        {
            if (polygons.ValueKind != JsonValueKind.Array || polygons.GetArrayLength() == 0)
            {
                Fail("The MultiPolygon needs at least one polygon.");
                return null;
            }

            var parts = new List<Polygon>();
            var p = 0;
            foreach (var polygon in polygons.EnumerateArray())
            {
                if (Polygon(polygon, $"polygon {p} of the MultiPolygon") is not { } part)
                {
                    return null;
                }

                parts.Add(part);
                p++;
            }

            return ZoneGeometry.Factory.CreateMultiPolygon([.. parts]);
        }

        private List<Coordinate>? Positions(JsonElement array, string what)
        {
            if (array.ValueKind != JsonValueKind.Array)
            {
                Fail($"The coordinates of the {what} must be an array of positions.");
                return null;
            }

            var positions = new List<Coordinate>(array.GetArrayLength());
            foreach (var position in array.EnumerateArray())
            {
                if (Position(position, what) is not { } coordinate)
                {
                    return null;
                }

                positions.Add(coordinate);
            }

            return positions;
        }

        private Coordinate? Position(JsonElement position, string what)
        {
            if (position.ValueKind != JsonValueKind.Array || position.GetArrayLength() < 2
                || position[0].ValueKind != JsonValueKind.Number || position[1].ValueKind != JsonValueKind.Number)
            {
                Fail($"A position of the {what} is not [longitude, latitude]: {Shorten(position.GetRawText())}.");
                return null;
            }

            return new Coordinate(position[0].GetDouble(), position[1].GetDouble());
        }

        private double? Number(JsonElement properties, string name)
        {
            if (!properties.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.Number)
            {
                return value.GetDouble();
            }

            Fail($"Property '{name}' must be a number, not {Shorten(value.GetRawText())}.");
            return null;
        }

        private static string? Id(JsonElement element) =>
            element.TryGetProperty("id", out var id) ? id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            } : null;

        private static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;

        private static WeekDays Day(string text) => text.ToUpperInvariant() switch
        {
            "MON" or "MONDAY" => WeekDays.Monday,
            "TUE" or "TUESDAY" => WeekDays.Tuesday,
            "WED" or "WEDNESDAY" => WeekDays.Wednesday,
            "THU" or "THURSDAY" => WeekDays.Thursday,
            "FRI" or "FRIDAY" => WeekDays.Friday,
            "SAT" or "SATURDAY" => WeekDays.Saturday,
            "SUN" or "SUNDAY" => WeekDays.Sunday,
            _ => WeekDays.None,
        };

        private static bool TryParseTime(string? text, out TimeOnly time) =>
            TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

        private static string Shorten(string text) =>
            text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }
}
