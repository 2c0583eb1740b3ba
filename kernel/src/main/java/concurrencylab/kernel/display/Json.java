package concurrencylab.kernel.display;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the protocol library's Gson trees, and as the plain Java values the library's widgets use
 * (maps, lists, strings, numbers, booleans, null): the comm messages' {@code data} both ways.
 *
 * <pre>{@code
 * JsonElement json = Json.toJson(Map.of("value", 8));     // {"value": 8}
 * Object java = Json.toJava(json);                         // {value=8} with 8 as a Long
 * }</pre>
 */
public final class Json {
    private Json() {}

    /** A Java value as JSON; a number that is not finite becomes null (JSON has no NaN), anything else its string. */
    public static JsonElement toJson(Object value) {
        return switch (value) {
            case null -> JsonNull.INSTANCE;
            case JsonElement e -> e;
            case String s -> new JsonPrimitive(s);
            case Boolean b -> new JsonPrimitive(b);
            case Double d when !Double.isFinite(d) -> JsonNull.INSTANCE;
            case Float f when !Float.isFinite(f) -> JsonNull.INSTANCE;
            case Number n -> new JsonPrimitive(n);
            case Map<?, ?> m -> {
                JsonObject o = new JsonObject();
                m.forEach((k, v) -> o.add(String.valueOf(k), toJson(v)));
                yield o;
            }
            case Collection<?> c -> {
                JsonArray a = new JsonArray();
                c.forEach(v -> a.add(toJson(v)));
                yield a;
            }
            default -> new JsonPrimitive(String.valueOf(value));
        };
    }

    /** A map as a JSON object. */
    public static JsonObject object(Map<String, ?> map) {
        return toJson(map).getAsJsonObject();
    }

    /** JSON as Java: objects as ordered maps, arrays as lists, whole numbers as Long, others as Double. */
    public static Object toJava(JsonElement json) {
        if (json == null || json.isJsonNull()) return null;
        if (json.isJsonObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            json.getAsJsonObject().entrySet().forEach(e -> m.put(e.getKey(), toJava(e.getValue())));
            return m;
        }
        if (json.isJsonArray()) {
            List<Object> l = new ArrayList<>();
            json.getAsJsonArray().forEach(e -> l.add(toJava(e)));
            return l;
        }
        JsonPrimitive p = json.getAsJsonPrimitive();
        if (p.isBoolean()) return p.getAsBoolean();
        if (p.isString()) return p.getAsString();
        String text = p.getAsNumber().toString();
        if (!text.contains(".") && !text.contains("e") && !text.contains("E")) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException tooBig) {
                return p.getAsDouble();
            }
        }
        return p.getAsDouble();
    }

    /** A JSON object as a Java map (an empty one for anything else). */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonElement json) {
        return toJava(json) instanceof Map<?, ?> m ? (Map<String, Object>) m : new LinkedHashMap<>();
    }
}
