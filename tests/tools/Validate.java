import java.io.File;
import org.verapdf.gf.foundry.VeraGreenfieldFoundryProvider;
import org.verapdf.pdfa.Foundries;
import org.verapdf.pdfa.PDFAParser;
import org.verapdf.pdfa.PDFAValidator;
import org.verapdf.pdfa.flavours.PDFAFlavour;
import org.verapdf.pdfa.results.TestAssertion;
import org.verapdf.pdfa.results.ValidationResult;

/**
 * Checks PDF files against one veraPDF profile ("ua1", "2a", "3a").
 * Prints a line "file, path, verdict" for each file and "failed, rule, message, where"
 * for each failed check, tab-separated; exits 1 if a file is not compliant.
 */
public class Validate {
    public static void main(String[] args) throws Exception {
        VeraGreenfieldFoundryProvider.initialise();
        PDFAFlavour flavour = PDFAFlavour.fromString(args[0]);
        int status = 0;
        for (int i = 1; i < args.length; i++) {
            try (PDFAParser parser = Foundries.defaultInstance().createParser(new File(args[i]), flavour);
                 PDFAValidator validator = Foundries.defaultInstance().createValidator(flavour, false)) {
                ValidationResult result = validator.validate(parser);
                System.out.println("file\t" + args[i] + "\t" + (result.isCompliant() ? "compliant" : "not compliant"));
                for (TestAssertion check : result.getTestAssertions()) {
                    if (check.getStatus() == TestAssertion.Status.FAILED) {
                        System.out.println("failed\t" + check.getRuleId().getClause() + "-"
                            + check.getRuleId().getTestNumber() + "\t" + check.getMessage()
                            + "\t" + check.getLocation().getContext());
                    }
                }
                if (!result.isCompliant()) {
                    status = 1;
                }
            }
        }
        System.exit(status);
    }
}
