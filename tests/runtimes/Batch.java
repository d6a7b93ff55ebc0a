// Runs the evaluator `perflang build --to java -o PerflangEvaluator.java` writes on a batch of
// cases (tests/test_runtimes.py):  java -cp DIR Batch CASES.json OUT.json
// CASES: [{targets, actuals, profile, project[, method]}], each a JSON text (profile and project
// may be null; method "evaluate" calls evaluate() instead of run()); OUT: [{result, problems}] or [{error}] (a ReasonError with its reason and messages),
// in order.
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Batch {
    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
        List<Object> cases = (List<Object>) PerflangEvaluator.parseJson(Files.readString(Path.of(args[0]), StandardCharsets.UTF_8));
        List<Object> out = new ArrayList<>();
        for (Object o : cases) {
            Map<String, Object> c = (Map<String, Object>) o;
            Map<String, Object> r = new LinkedHashMap<>();
            try {
                PerflangEvaluator ev = new PerflangEvaluator(c.get("targets"), c.get("profile"));
                if ("evaluate".equals(c.get("method"))) r.put("result", ev.evaluate(c.get("actuals"), (String) c.get("project")));
                else {
                    PerflangEvaluator.Result res = ev.run(c.get("actuals"), (String) c.get("project"));
                    r.put("result", res.result());
                    List<Object> problems = new ArrayList<>();
                    for (PerflangEvaluator.Problem p : res.problems()) problems.add(p.toMap());
                    r.put("problems", problems);
                }
            } catch (PerflangEvaluator.ReasonError e) {
                r.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                r.put("reason", e.reason());
                Map<String, Object> message = new LinkedHashMap<>();
                message.put("zh", e.message("zh"));
                message.put("en", e.message("en"));
                r.put("message", message);
            } catch (RuntimeException e) {
                r.put("error", e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            out.add(r);
        }
        Files.writeString(Path.of(args[1]), PerflangEvaluator.toJson(out), StandardCharsets.UTF_8);
    }
}
